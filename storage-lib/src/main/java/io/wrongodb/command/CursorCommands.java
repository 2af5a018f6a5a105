package io.wrongodb.command;

import io.wrongodb.catalog.Namespace;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.Results;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonValue;

/** {@code getMore} and {@code killCursors}, over the cursors {@code find} and {@code aggregate} leave open. */
public final class CursorCommands {
    /** The most a reply's batch carries, below the 16 MiB a reply may be (room for the envelope). */
    static final int MAX_BATCH_BYTES = 16 * 1024 * 1024 - 16 * 1024;

    private CursorCommands() {}

    public static List<Command> of(Store store) {
        return List.of(new GetMore(store), new KillCursors(store));
    }

    /**
     * Reads the first batch of {@code run}; keeps the cursor open (returning its id) unless the run is exhausted or
     * {@code singleBatch}.
     */
    static BsonDocument firstBatch(Store store, String ns, Results run, int batchSize, boolean singleBatch) {
        return firstBatch(store, ns, run, batchSize, singleBatch, false);
    }

    /** The first batch; the rest stays in a cursor ({@code noTimeout}: one the idle timeout never closes). */
    static BsonDocument firstBatch(
            Store store, String ns, Results run, int batchSize, boolean singleBatch, boolean noTimeout) {
        if (batchSize == 0) {
            // batchSize 0 asks for a cursor and no documents yet (nextBatch reads 0 as "no count limit")
            return CursorReply.first(ns, store.cursors().open(ns, run, noTimeout), List.of());
        }
        List<BsonDocument> batch = run.nextBatch(store.storage(), batchSize, MAX_BATCH_BYTES);
        long id = 0;
        if (!run.isExhausted() && !singleBatch) {
            id = store.cursors().open(ns, run, noTimeout);
        }
        return CursorReply.first(ns, id, batch);
    }

    /** The namespace a cursor command names; listCollections' cursors live on "<db>.$cmd.listCollections". */
    private static String cursorNamespace(String database, String collection) {
        if (collection.startsWith("$cmd.")) {
            Namespace.checkDatabaseName(database);
            return database + "." + collection;
        }
        return Namespace.of(database, collection).full();
    }

    private record GetMore(Store store) implements Command {
        @Override
        public String name() {
            return "getMore";
        }

        @Override
        public BsonDocument run(CommandRequest request) {
            BsonValue idValue = request.body().get("getMore");
            if (idValue == null || !idValue.isInt64()) {
                throw new MongoServerException(
                        ErrorCode.TYPE_MISMATCH,
                        "BSON field 'getMore.getMore' is the wrong type '"
                                + (idValue == null ? "missing" : io.wrongodb.bson.TypeNames.of(idValue))
                                + "', expected type 'long'");
            }
            Arguments args = new Arguments(request);
            String collection = args.string("collection", null);
            if (collection == null) {
                throw MongoServerException.location(
                        40414, "BSON field 'getMore.collection' is missing but a required field");
            }
            String namespace = cursorNamespace(request.database(), collection);
            long batchSize = args.number("batchSize", 0);
            if (batchSize < 0) {
                throw new MongoServerException(
                        ErrorCode.BAD_VALUE,
                        "Batch size for getMore must be non-negative, " + "but received: " + batchSize);
            }
            long id = idValue.asInt64().getValue();
            OpenCursors.OpenCursor cursor = store.cursors().take(id);
            boolean exhausted = true;
            try {
                if (!cursor.namespace.equals(namespace)) {
                    exhausted = false;
                    throw new MongoServerException(
                            ErrorCode.UNAUTHORIZED,
                            "Requested getMore on namespace '" + namespace + "', but cursor belongs to a different"
                                    + " namespace " + cursor.namespace);
                }
                List<BsonDocument> batch = cursor.run.nextBatch(store.storage(), (int) batchSize, MAX_BATCH_BYTES);
                exhausted = cursor.run.isExhausted();
                return CursorReply.next(namespace, exhausted ? 0 : id, batch);
            } finally {
                store.cursors().giveBack(cursor, exhausted);
            }
        }
    }

    private record KillCursors(Store store) implements Command {
        @Override
        public String name() {
            return "killCursors";
        }

        @Override
        public BsonDocument run(CommandRequest request) {
            BsonValue target = request.body().get("killCursors");
            String namespace = target != null && target.isString()
                    ? cursorNamespace(request.database(), target.asString().getValue())
                    : Arguments.namespace(request).full();
            BsonArray killed = new BsonArray();
            BsonArray notFound = new BsonArray();
            for (BsonValue id : new Arguments(request).array("cursors")) {
                long value = id.asNumber().longValue();
                OpenCursors.OpenCursor cursor = store.cursors().peek(value);
                if (cursor != null
                        && cursor.namespace.equals(namespace)
                        && store.cursors().kill(value)) {
                    killed.add(new BsonInt64(value));
                } else {
                    notFound.add(new BsonInt64(value));
                }
            }
            return new BsonDocument("cursorsKilled", killed)
                    .append("cursorsNotFound", notFound)
                    .append("cursorsAlive", new BsonArray())
                    .append("cursorsUnknown", new BsonArray());
        }
    }
}
