package io.wrongodb.command;

import io.wrongodb.catalog.CollectionInfo;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.Filter;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;

/**
 * {@code listDatabases} (admin only): the databases that hold a collection, by name, each with
 * {@code sizeOnDisk} (its documents' and index entries' bytes) and {@code empty}; {@code nameOnly} and
 * {@code filter} as in MongoDB.
 */
public final class ListDatabasesCommand implements Command {
    private final Store store;

    public ListDatabasesCommand(Store store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "listDatabases";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        if (!request.database().equals("admin")) {
            throw new MongoServerException(
                    ErrorCode.UNAUTHORIZED, "listDatabases may only be run against the admin database.");
        }
        Arguments args = new Arguments(request);
        boolean nameOnly = args.bool("nameOnly", false);
        Filter filter = Filter.parse(args.document("filter", new BsonDocument()));
        BsonArray databases = new BsonArray();
        long total = 0;
        for (String name : store.catalog().databases()) {
            BsonDocument entry = new BsonDocument("name", new BsonString(name));
            if (!nameOnly) {
                long size = 0;
                for (CollectionInfo info : store.catalog().collections(name)) {
                    CollectionStats stats = CollectionStats.of(store.storage(), info);
                    size += stats.dataSize() + stats.totalIndexSize();
                }
                entry.append("sizeOnDisk", new BsonInt64(size)).append("empty", BsonBoolean.valueOf(size == 0));
                if (!filter.spec().isEmpty() && !filter.matches(entry)) {
                    continue;
                }
                total += size;
            } else if (!filter.spec().isEmpty() && !filter.matches(entry)) {
                continue;
            }
            databases.add(entry);
        }
        BsonDocument reply = new BsonDocument("databases", databases);
        if (!nameOnly) {
            reply.append("totalSize", new BsonInt64(total)).append("totalSizeMb", new BsonInt64(total >> 20));
        }
        return reply;
    }
}
