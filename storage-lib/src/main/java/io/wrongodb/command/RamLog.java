package io.wrongodb.command;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * The last lines of one server log, kept in memory for {@code getLog}, as MongoDB's RamLog does. Lines are MongoDB's
 * structured JSON log format ({@code {"t":{"$date":…},"s":"W","c":"CONTROL","id":…,"ctx":…,"msg":…}}), which
 * mongosh parses to show startup warnings.
 */
public final class RamLog {
    private static final JsonWriterSettings JSON =
            JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
    private final String name;
    private final int capacity;
    private final ArrayDeque<String> lines;
    private long totalLinesWritten;

    public RamLog(String name, int capacity) {
        this.name = name;
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(capacity);
    }

    public String name() {
        return name;
    }

    /** Appends a line; severity is MongoDB's letter (I, W, E), component is e.g. NETWORK or CONTROL. */
    public void write(char severity, String component, int id, String context, String message) {
        BsonDocument line = new BsonDocument("t", new BsonDateTime(Instant.now().toEpochMilli()))
                .append("s", new BsonString(String.valueOf(severity)))
                .append("c", new BsonString(component))
                .append("id", new BsonInt32(id))
                .append("ctx", new BsonString(context))
                .append("msg", new BsonString(message));
        append(line.toJson(JSON));
    }

    private synchronized void append(String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
        totalLinesWritten++;
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    public synchronized long totalLinesWritten() {
        return totalLinesWritten;
    }
}
