package io.wrongodb.aggregate;

import io.wrongodb.bson.BsonOrder;
import io.wrongodb.bson.CanonicalType;
import io.wrongodb.bson.ShellFormat;
import io.wrongodb.bson.TypeNames;
import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;

/**
 * {@code $bucket: {groupBy, boundaries, default?, output?}}: documents are grouped by the bucket their
 * {@code groupBy} value falls in ({@code [boundaries[i], boundaries[i+1])}, the {@code _id} being the lower bound),
 * or by {@code default} when it falls in none; buckets come out sorted by {@code _id}, with {@code count} unless
 * {@code output} names the accumulators. A value outside every bucket with no default fails as MongoDB's does (40066).
 */
final class BucketStage implements Stage {
    private final Stage grouped;

    private BucketStage(Stage grouped) {
        this.grouped = grouped;
    }

    static BucketStage parse(BsonValue spec) {
        if (!spec.isDocument()) {
            throw MongoServerException.location(
                    40201, "Argument to $bucket stage must be an object, but found type: " + TypeNames.of(spec) + ".");
        }
        BsonValue groupBy = null;
        List<BsonValue> boundaries = null;
        BsonValue fallback = null;
        BsonDocument output = new BsonDocument("count", new BsonDocument("$sum", new BsonInt32(1)));
        for (Map.Entry<String, BsonValue> option : spec.asDocument().entrySet()) {
            BsonValue v = option.getValue();
            switch (option.getKey()) {
                case "groupBy" -> {
                    if (!(v.isString() && v.asString().getValue().startsWith("$")) && !v.isDocument()) {
                        throw MongoServerException.location(
                                40202,
                                "The $bucket 'groupBy' field must be defined as a $-prefixed path or an expression,"
                                        + " but found: " + ShellFormat.of(v) + ".");
                    }
                    groupBy = v;
                }
                case "boundaries" -> {
                    if (!v.isArray()) {
                        throw MongoServerException.location(
                                40200,
                                "The $bucket 'boundaries' field must be an array, but found type: " + TypeNames.of(v)
                                        + ".");
                    }
                    boundaries = v.asArray().getValues();
                }
                case "default" -> fallback = v;
                case "output" -> {
                    if (!v.isDocument()) {
                        throw MongoServerException.location(
                                40196,
                                "The $bucket 'output' field must be an object, but found type: " + TypeNames.of(v)
                                        + ".");
                    }
                    output = v.asDocument();
                }
                default ->
                    throw MongoServerException.location(
                            40197, "Unrecognized option to $bucket: " + option.getKey() + ".");
            }
        }
        if (groupBy == null || boundaries == null) {
            throw MongoServerException.location(40198, "$bucket requires 'groupBy' and 'boundaries' to be specified.");
        }
        checkBoundaries(boundaries, fallback);
        Expression key = Expression.parse(groupBy);
        List<BsonValue> bounds = boundaries;
        BsonValue otherwise = fallback;
        GroupStage group = GroupStage.by(d -> bucketOf(key.evaluate(d), bounds, otherwise), output);
        return new BucketStage(in -> {
            List<BsonDocument> buckets = new ArrayList<>(group.apply(in));
            buckets.sort((a, b) -> BsonOrder.INSTANCE.compare(a.get("_id"), b.get("_id")));
            return buckets;
        });
    }

    private static void checkBoundaries(List<BsonValue> boundaries, BsonValue fallback) {
        if (boundaries.size() < 2) {
            throw MongoServerException.location(
                    40192,
                    "The $bucket 'boundaries' field must have at least 2 values, but found " + boundaries.size()
                            + " value(s).");
        }
        for (int i = 1; i < boundaries.size(); i++) {
            BsonValue lower = boundaries.get(i - 1);
            BsonValue upper = boundaries.get(i);
            if (CanonicalType.of(lower) != CanonicalType.of(upper)) {
                throw MongoServerException.location(
                        40193,
                        "All values in the the 'boundaries' option to $bucket must have the same type. Found"
                                + " conflicting types " + TypeNames.of(lower) + " and " + TypeNames.of(upper) + ".");
            }
            if (BsonOrder.INSTANCE.compare(lower, upper) >= 0) {
                throw MongoServerException.location(
                        40194,
                        "The 'boundaries' option to $bucket must be sorted in ascending order, but elements "
                                + (i - 1) + " and " + i + " are not in ascending order (" + ShellFormat.of(lower)
                                + " is not less than " + ShellFormat.of(upper) + ").");
            }
        }
        if (fallback != null && CanonicalType.of(fallback) == CanonicalType.of(boundaries.get(0))) {
            boolean below = BsonOrder.INSTANCE.compare(fallback, boundaries.get(0)) < 0;
            boolean above = BsonOrder.INSTANCE.compare(fallback, boundaries.get(boundaries.size() - 1)) >= 0;
            if (!below && !above) {
                throw MongoServerException.location(
                        40199,
                        "The $bucket 'default' field must be less than the lowest boundary or greater than or equal"
                                + " to the highest boundary.");
            }
        }
    }

    private static BsonValue bucketOf(BsonValue value, List<BsonValue> boundaries, BsonValue fallback) {
        BsonValue v = value == null ? org.bson.BsonNull.VALUE : value;
        for (int i = 0; i + 1 < boundaries.size(); i++) {
            if (BsonOrder.INSTANCE.compare(v, boundaries.get(i)) >= 0
                    && BsonOrder.INSTANCE.compare(v, boundaries.get(i + 1)) < 0) {
                return boundaries.get(i);
            }
        }
        if (fallback == null) {
            throw MongoServerException.location(
                    40066, "$switch could not find a matching branch for an input, and no default was specified.");
        }
        return fallback;
    }

    @Override
    public List<BsonDocument> apply(List<BsonDocument> input) {
        return grouped.apply(input);
    }
}
