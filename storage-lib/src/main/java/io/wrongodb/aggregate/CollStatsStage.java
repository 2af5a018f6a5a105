package io.wrongodb.aggregate;

import io.wrongodb.bson.ShellFormat;
import io.wrongodb.bson.TypeNames;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.List;
import java.util.Map;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * {@code $collStats: {storageStats?: {scale?}, count?: {}}} (first stage only): one document about the collection,
 * {@code {ns, host, localTime, storageStats?, count?}}, with the figures the {@code collStats} command reports. It is
 * what mongosh's {@code db.coll.stats()}, {@code dataSize()}, {@code storageSize()} and {@code totalIndexSize()}
 * run. {@code latencyStats} and {@code queryExecStats} are not kept by WrongoDB.
 */
final class CollStatsStage implements Stage {
    private final CollectionAccess access;
    private final Long scale;
    private final boolean count;

    private CollStatsStage(CollectionAccess access, Long scale, boolean count) {
        this.access = access;
        this.scale = scale;
        this.count = count;
    }

    static CollStatsStage parse(BsonValue spec, CollectionAccess access) {
        if (!spec.isDocument()) {
            throw MongoServerException.location(
                    5447000, "$collStats must take a nested object but found: $collStats: " + ShellFormat.of(spec));
        }
        Long scale = null;
        boolean count = false;
        for (Map.Entry<String, BsonValue> option : spec.asDocument().entrySet()) {
            String name = option.getKey();
            BsonValue v = option.getValue();
            switch (name) {
                case "storageStats" -> scale = scale(object(name, v));
                case "count" -> {
                    object(name, v);
                    count = true;
                }
                case "latencyStats", "queryExecStats" ->
                    throw new MongoServerException(
                            ErrorCode.NOT_IMPLEMENTED,
                            "$collStats " + name + " is not supported by WrongoDB: it keeps no operation statistics");
                default ->
                    throw MongoServerException.location(
                            40415, "BSON field '$collStats." + name + "' is an unknown field.");
            }
        }
        return new CollStatsStage(access, scale, count);
    }

    private static BsonDocument object(String name, BsonValue v) {
        if (!v.isDocument()) {
            throw new MongoServerException(
                    ErrorCode.TYPE_MISMATCH,
                    "BSON field '$collStats." + name + "' is the wrong type '" + TypeNames.of(v)
                            + "', expected type 'object'");
        }
        return v.asDocument();
    }

    private static long scale(BsonDocument storageStats) {
        long scale = 1;
        for (Map.Entry<String, BsonValue> option : storageStats.entrySet()) {
            BsonValue v = option.getValue();
            switch (option.getKey()) {
                case "scale" -> {
                    if (!v.isNumber()) {
                        throw new MongoServerException(
                                ErrorCode.TYPE_MISMATCH,
                                "BSON field 'scale' is the wrong type '" + TypeNames.of(v)
                                        + "', expected types '[long, int, decimal, double']");
                    }
                    scale = v.asNumber().longValue();
                    if (scale < 1) {
                        throw MongoServerException.location(
                                51024, "BSON field 'scale' value must be >= 1, actual value '" + scale + "'");
                    }
                }
                case "verbose", "waitForLock", "numericOnly" -> {}
                default ->
                    throw MongoServerException.location(
                            40415, "BSON field 'storageStats." + option.getKey() + "' is an unknown field.");
            }
        }
        return scale;
    }

    @Override
    public List<BsonDocument> apply(List<BsonDocument> input) {
        String ns = access.database() + "." + access.collection();
        BsonDocument out = new BsonDocument("ns", new BsonString(ns))
                .append("host", new BsonString(access.host()))
                .append("localTime", new BsonDateTime(System.currentTimeMillis()));
        if (scale != null) {
            BsonDocument stats = access.storageStats(scale);
            if (stats == null) {
                throw notFound("storageStats", ns);
            }
            out.append("storageStats", stats);
        }
        if (count) {
            Long documents = access.count();
            if (documents == null) {
                throw notFound("count", ns);
            }
            out.append("count", new BsonInt64(documents));
        }
        return List.of(out);
    }

    private static MongoServerException notFound(String what, String ns) {
        return new MongoServerException(
                ErrorCode.NAMESPACE_NOT_FOUND,
                "Unable to retrieve " + what + " in $collStats stage :: caused by :: Collection [" + ns
                        + "] not found.");
    }
}
