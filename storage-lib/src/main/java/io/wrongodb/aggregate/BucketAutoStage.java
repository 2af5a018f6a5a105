package io.wrongodb.aggregate;

import io.wrongodb.bson.BsonOrder;
import io.wrongodb.bson.ShellFormat;
import io.wrongodb.bson.TypeNames;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.Expression;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * {@code $bucketAuto: {groupBy, buckets, output?}}: the documents sorted by their {@code groupBy} value and cut into
 * at most {@code buckets} runs of about the same size, as MongoDB cuts them — each bucket takes
 * {@code round(n / buckets)} documents (the last one the rest) and then every following document with the same
 * value, so equal values never straddle two buckets. The {@code _id} is {@code {min, max}}, {@code max} being the
 * next bucket's {@code min} (the last bucket's own largest value). {@code granularity} is not supported.
 */
final class BucketAutoStage implements Stage {
    private final Expression groupBy;
    private final int buckets;
    private final BsonDocument output;

    private BucketAutoStage(Expression groupBy, int buckets, BsonDocument output) {
        this.groupBy = groupBy;
        this.buckets = buckets;
        this.output = output;
    }

    static BucketAutoStage parse(BsonValue spec) {
        if (!spec.isDocument()) {
            throw MongoServerException.location(
                    40240, "The argument to $bucketAuto must be an object, but found type: " + TypeNames.of(spec));
        }
        BsonValue groupBy = null;
        Integer buckets = null;
        BsonDocument output = new BsonDocument("count", new BsonDocument("$sum", new BsonInt32(1)));
        for (Map.Entry<String, BsonValue> option : spec.asDocument().entrySet()) {
            BsonValue v = option.getValue();
            switch (option.getKey()) {
                case "groupBy" -> {
                    boolean expression = v.isDocument()
                            && !v.asDocument().isEmpty()
                            && v.asDocument().getFirstKey().startsWith("$");
                    if (!(v.isString() && v.asString().getValue().startsWith("$")) && !expression) {
                        throw MongoServerException.location(
                                40239,
                                "The $bucketAuto 'groupBy' field must be defined as a $-prefixed path or an"
                                        + " expression object, but found: " + ShellFormat.of(v));
                    }
                    groupBy = v;
                }
                case "buckets" -> {
                    if (!v.isNumber()) {
                        throw MongoServerException.location(
                                40241,
                                "The $bucketAuto 'buckets' field must be a numeric value, but found type: "
                                        + TypeNames.of(v));
                    }
                    double wanted = v.asNumber().doubleValue();
                    if (wanted != Math.rint(wanted) || wanted > Integer.MAX_VALUE || wanted < Integer.MIN_VALUE) {
                        throw MongoServerException.location(
                                40242,
                                "The $bucketAuto 'buckets' field must be representable as a 32-bit integer, but found "
                                        + wanted);
                    }
                    if (v.asNumber().intValue() <= 0) {
                        throw MongoServerException.location(
                                40243,
                                "The $bucketAuto 'buckets' field must be greater than 0, but found: "
                                        + v.asNumber().intValue());
                    }
                    buckets = v.asNumber().intValue();
                }
                case "output" -> {
                    if (!v.isDocument()) {
                        throw MongoServerException.location(
                                40244,
                                "The $bucketAuto 'output' field must be an object, but found type: " + TypeNames.of(v));
                    }
                    output = v.asDocument();
                }
                case "granularity" ->
                    throw new MongoServerException(
                            ErrorCode.NOT_IMPLEMENTED, "$bucketAuto with a granularity is not supported by WrongoDB");
                default ->
                    throw MongoServerException.location(
                            40245, "Unrecognized option to $bucketAuto: " + option.getKey());
            }
        }
        if (groupBy == null || buckets == null) {
            throw MongoServerException.location(40246, "$bucketAuto requires 'groupBy' and 'buckets' to be specified");
        }
        if (output.isEmpty()) {
            output = new BsonDocument("count", new BsonDocument("$sum", new BsonInt32(1)));
        }
        GroupStage.by(d -> null, output);
        return new BucketAutoStage(Expression.parse(groupBy), buckets, output);
    }

    @Override
    public List<BsonDocument> apply(List<BsonDocument> input) {
        List<Keyed> sorted = new ArrayList<>(input.size());
        for (BsonDocument d : input) {
            BsonValue key = groupBy.evaluate(d);
            sorted.add(new Keyed(key == null ? BsonNull.VALUE : key, d));
        }
        sorted.sort((a, b) -> BsonOrder.INSTANCE.compare(a.key, b.key));
        long size = Math.max(1, Math.round((double) sorted.size() / buckets));
        Map<BsonDocument, BsonValue> bucketOf = new IdentityHashMap<>();
        List<BsonDocument> ordered = new ArrayList<>(sorted.size());
        int at = 0;
        for (int bucket = 0; bucket < buckets && at < sorted.size(); bucket++) {
            int start = at;
            boolean last = bucket == buckets - 1;
            while (at < sorted.size() && (last || at - start < size)) {
                at++;
            }
            while (at < sorted.size() && BsonOrder.INSTANCE.compare(sorted.get(at).key, sorted.get(at - 1).key) == 0) {
                at++;
            }
            BsonValue max = at < sorted.size() ? sorted.get(at).key : sorted.get(at - 1).key;
            BsonDocument id = new BsonDocument("min", sorted.get(start).key).append("max", max);
            for (int i = start; i < at; i++) {
                bucketOf.put(sorted.get(i).document, id);
                ordered.add(sorted.get(i).document);
            }
        }
        return GroupStage.by(bucketOf::get, output).apply(ordered);
    }

    private record Keyed(BsonValue key, BsonDocument document) {}
}
