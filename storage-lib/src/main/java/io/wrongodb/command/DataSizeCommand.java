package io.wrongodb.command;

import io.wrongodb.bson.TypeNames;
import io.wrongodb.catalog.CollectionInfo;
import io.wrongodb.catalog.Namespace;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import io.wrongodb.storage.Session;
import io.wrongodb.storage.TableCursor;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonValue;

/**
 * {@code dataSize}: {@code {dataSize: "db.coll"}} answers {@code {size, numObjects, millis}}, the BSON bytes and the
 * number of the collection's documents, counted by reading them; a missing collection is all zeros, as in mongod. The
 * range form ({@code keyPattern}, {@code min}, {@code max}) is not supported (238).
 */
public final class DataSizeCommand implements Command {
    private final Store store;

    public DataSizeCommand(Store store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "dataSize";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        long start = System.nanoTime();
        BsonValue target = request.body().get(name());
        if (!target.isString()) {
            throw new MongoServerException(
                    ErrorCode.TYPE_MISMATCH,
                    "BSON field 'dataSize.dataSize' is the wrong type '" + TypeNames.of(target)
                            + "', expected type 'string'");
        }
        Namespace ns = Namespace.parse(target.asString().getValue());
        for (String range : new String[] {"keyPattern", "min", "max"}) {
            if (request.body().containsKey(range)) {
                throw new MongoServerException(
                        ErrorCode.NOT_IMPLEMENTED, "dataSize over a key range is not supported by WrongoDB");
            }
        }
        long size = 0;
        long count = 0;
        CollectionInfo info = store.catalog().collection(ns).orElse(null);
        if (info != null) {
            try (Session session = store.storage().openSession()) {
                TableCursor documents = session.openCursor(info.table());
                while (documents.next()) {
                    byte[] value = documents.value();
                    if (value != null) {
                        count++;
                        size += value.length;
                    }
                }
            }
        }
        return new BsonDocument("size", new BsonInt64(size))
                .append("numObjects", new BsonInt64(count))
                .append("millis", new BsonInt32((int) ((System.nanoTime() - start) / 1_000_000)));
    }
}
