package io.wrongodb.examples;

import io.wrongodb.storage.Connection;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The files in a database's log folder and their sizes, to compare before and after recovery. */
record JournalFolder(Map<String, Long> sizes) {
    static JournalFolder of(Path dataDir) throws IOException {
        Path journal = dataDir.resolve(Connection.LOG_DIRECTORY);
        Map<String, Long> sizes = new TreeMap<>();
        if (Files.isDirectory(journal)) {
            try (Stream<Path> files = Files.list(journal)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    sizes.put(file.getFileName().toString(), Files.size(file));
                }
            }
        }
        return new JournalFolder(sizes);
    }

    /** Prints each file; with {@code earlier}, also the files that were there then and are gone now. */
    void print(PrintStream out, JournalFolder earlier) {
        Map<String, Long> all = new TreeMap<>(sizes);
        if (earlier != null) {
            earlier.sizes.forEach(all::putIfAbsent);
        }
        all.forEach((name, size) -> {
            String note = "";
            if (earlier != null && !sizes.containsKey(name)) {
                note = "   deleted";
            } else if (earlier != null && !earlier.sizes.containsKey(name)) {
                note = "   new";
            }
            out.printf("   %s/%-26s %,10d bytes%s%n", Connection.LOG_DIRECTORY, name, size, note);
        });
    }
}
