package io.wrongodb.examples;

import io.wrongodb.storage.wal.CommitMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What {@link CrashingWriter} printed before it died: the keys it acknowledged, by commit mode, and the log position
 * its checkpoint covers. Its lines are echoed as they arrive, but a run of acknowledgements shows only its first and
 * last few, or there would be thousands.
 */
final class Transcript {
    private static final int SHOWN = 3;
    private static final String INDENT = "   child | ";

    private final PrintStream out;
    private final List<Integer> sync = new ArrayList<>();
    private final List<Integer> async = new ArrayList<>();
    private String checkpoint;

    private int shownInRun;
    private long hiddenInRun;
    private final Deque<String> lastInRun = new ArrayDeque<>();

    Transcript(PrintStream out) {
        this.out = out;
    }

    /**
     * Reads the child's output to its end. A last line without its newline is dropped: the kill cut it, and a cut
     * number would name the wrong key.
     */
    void readAll(InputStream childOutput) throws IOException {
        Reader reader = new BufferedReader(new InputStreamReader(childOutput, StandardCharsets.UTF_8));
        StringBuilder line = new StringBuilder();
        for (int c = reader.read(); c != -1; c = reader.read()) {
            if (c == '\n') {
                accept(line.toString());
                line.setLength(0);
            } else {
                line.append((char) c);
            }
        }
        endRun();
    }

    private void accept(String line) {
        if (!line.startsWith(CrashingWriter.ACK)) {
            endRun();
            if (line.startsWith(CrashingWriter.CHECKPOINT)) {
                checkpoint = line.substring(CrashingWriter.CHECKPOINT.length());
            }
            out.println(INDENT + line);
            return;
        }
        String[] ack = line.substring(CrashingWriter.ACK.length()).split(" ");
        int key = Integer.parseInt(ack[1]);
        (CommitMode.valueOf(ack[0]) == CommitMode.SYNC ? sync : async).add(key);
        if (shownInRun < SHOWN) {
            shownInRun++;
            out.println(INDENT + line);
            return;
        }
        lastInRun.addLast(line);
        if (lastInRun.size() > SHOWN) {
            lastInRun.removeFirst();
            hiddenInRun++;
        }
    }

    private void endRun() {
        if (hiddenInRun > 0) {
            out.printf("%s   … %,d more …%n", INDENT, hiddenInRun);
        }
        lastInRun.forEach(line -> out.println(INDENT + line));
        lastInRun.clear();
        shownInRun = 0;
        hiddenInRun = 0;
    }

    /** Keys whose SYNC put returned, in the order written. */
    List<Integer> syncAcknowledged() {
        return sync;
    }

    /** Keys whose ASYNC put returned, in the order written. */
    List<Integer> asyncAcknowledged() {
        return async;
    }

    /** The log position ("file/offset") the child's checkpoint covers, or null if it died before printing it. */
    String checkpoint() {
        return checkpoint;
    }
}
