package io.wrongodb.command;

import java.util.concurrent.atomic.LongAdder;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonValue;

/**
 * What {@code serverStatus} reports as {@code opcounters} and {@code asserts.user}, counted by the dispatcher as
 * mongod counts them: {@code insert} one per document of an insert command, {@code update} and {@code delete} one per
 * statement of an update or delete command, {@code query} one per find, {@code getmore} one per getMore, and
 * {@code command} one per other known command. Operations are counted when they start, so a batch that fails part
 * way counts every statement it was sent with. {@code userAsserts} counts the commands that answered an error.
 */
public final class OpCounters {
    private final LongAdder insert = new LongAdder();
    private final LongAdder query = new LongAdder();
    private final LongAdder update = new LongAdder();
    private final LongAdder delete = new LongAdder();
    private final LongAdder getmore = new LongAdder();
    private final LongAdder command = new LongAdder();
    private final LongAdder userAsserts = new LongAdder();

    /** Counts a known command about to run. */
    void started(String name, BsonDocument body) {
        switch (name) {
            case "insert" -> insert.add(statements(body, "documents"));
            case "update" -> update.add(statements(body, "updates"));
            case "delete" -> delete.add(statements(body, "deletes"));
            case "find" -> query.increment();
            case "getMore" -> getmore.increment();
            default -> command.increment();
        }
    }

    /** Counts a command that answered {@code ok: 0}. */
    void failed() {
        userAsserts.increment();
    }

    long userAsserts() {
        return userAsserts.sum();
    }

    /** The {@code opcounters} section, in mongod's field order. */
    BsonDocument toDocument() {
        return new BsonDocument("insert", new BsonInt64(insert.sum()))
                .append("query", new BsonInt64(query.sum()))
                .append("update", new BsonInt64(update.sum()))
                .append("delete", new BsonInt64(delete.sum()))
                .append("getmore", new BsonInt64(getmore.sum()))
                .append("command", new BsonInt64(command.sum()));
    }

    private static int statements(BsonDocument body, String field) {
        BsonValue value = body.get(field);
        return value != null && value.isArray() ? value.asArray().size() : 0;
    }
}
