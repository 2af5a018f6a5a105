package io.wrongodb.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A section of a markdown file that a script owns, between two marker comments: each run replaces its own section
 * and leaves the rest of the file (other scripts' sections, text written by hand) as it was.
 *
 * @param begin the first line of the section
 * @param end the last line of the section
 */
public record MarkedSection(String begin, String end) {
    /** Replaces this section in {@code markdown}, or appends it (creating the file). */
    public void writeInto(Path markdown, String section) throws IOException {
        String existing = Files.exists(markdown)
                ? Files.readString(markdown)
                : "# Benchmarks\n\nMeasured results, each section written by the script named in it. Numbers"
                        + " from one machine and one run: compare ratios within a run, not across machines.\n\n";
        int from = existing.indexOf(begin);
        int to = existing.indexOf(end);
        String updated;
        if (from >= 0 && to > from) {
            int after = to + end.length();
            if (after < existing.length() && existing.charAt(after) == '\n') {
                after++;
            }
            updated = existing.substring(0, from) + section + existing.substring(after);
        } else {
            updated = existing + (existing.endsWith("\n\n") || existing.isEmpty() ? "" : "\n") + section;
        }
        if (markdown.getParent() != null) {
            Files.createDirectories(markdown.getParent());
        }
        Files.writeString(markdown, updated);
    }
}
