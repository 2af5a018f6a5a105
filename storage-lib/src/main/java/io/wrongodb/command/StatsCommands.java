package io.wrongodb.command;

import io.wrongodb.catalog.CollectionInfo;
import io.wrongodb.catalog.Namespace;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt64;
import org.bson.BsonString;

/** {@code collStats} and {@code dbStats}: sizes read by {@link CollectionStats}, with MongoDB's field names. */
public final class StatsCommands {
    private StatsCommands() {}

    public static List<Command> of(Store store) {
        return List.of(new CollStats(store), new DbStats(store));
    }

    private static long scale(Arguments args) {
        long scale = args.number("scale", 1);
        if (scale < 1) {
            throw new MongoServerException(ErrorCode.BAD_VALUE, "scale has to be >= 1");
        }
        return scale;
    }

    private record CollStats(Store store) implements Command {
        @Override
        public String name() {
            return "collStats";
        }

        @Override
        public BsonDocument run(CommandRequest request) {
            Namespace ns = Arguments.namespace(request);
            store.catalog().requireNotView(ns);
            long scale = scale(new Arguments(request));
            CollectionInfo info = store.catalog()
                    .collection(ns)
                    .orElseThrow(() -> new MongoServerException(
                            ErrorCode.NAMESPACE_NOT_FOUND, "Collection [" + ns.full() + "] not found."));
            CollectionStats stats = CollectionStats.of(store.storage(), info);
            BsonDocument reply = new BsonDocument("ns", new BsonString(ns.full()));
            reply.putAll(stats.storageStats(info, scale));
            return reply;
        }
    }

    private record DbStats(Store store) implements Command {
        @Override
        public String name() {
            return "dbStats";
        }

        @Override
        public BsonDocument run(CommandRequest request) {
            Namespace.checkDatabaseName(request.database());
            long scale = scale(new Arguments(request));
            long objects = 0;
            long data = 0;
            long indexes = 0;
            long indexSize = 0;
            List<CollectionInfo> collections = store.catalog().collections(request.database());
            for (CollectionInfo info : collections) {
                CollectionStats stats = CollectionStats.of(store.storage(), info);
                objects += stats.count();
                data += stats.dataSize();
                indexes += info.indexes().size() + 1;
                indexSize += stats.totalIndexSize();
            }
            return new BsonDocument("db", new BsonString(request.database()))
                    .append("collections", new BsonInt64(collections.size()))
                    .append("views", new BsonInt64(0))
                    .append("objects", new BsonInt64(objects))
                    .append("avgObjSize", new BsonDouble(objects == 0 ? 0 : (double) data / objects))
                    .append("dataSize", new BsonDouble((double) data / scale))
                    .append("storageSize", new BsonDouble((double) data / scale))
                    .append("indexes", new BsonInt64(indexes))
                    .append("indexSize", new BsonDouble((double) indexSize / scale))
                    .append("totalSize", new BsonDouble((double) (data + indexSize) / scale))
                    .append("scaleFactor", new BsonInt64(scale));
        }
    }
}
