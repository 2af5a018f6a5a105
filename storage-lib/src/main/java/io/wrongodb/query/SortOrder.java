package io.wrongodb.query;

import io.wrongodb.bson.BsonOrder;
import io.wrongodb.bson.SortDirection;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A parsed find sort, such as {@code {age: -1, "name.last": 1}}: parse once, then order documents with
 * {@link #comparator()}. Values compare in MongoDB's order across types ({@link BsonOrder}); a missing field sorts
 * as null; an array sorts by its smallest element ascending and its largest descending, and an empty array below
 * null. Documents with equal keys compare as 0: keeping them in insertion order is the caller's stable sort.
 *
 * <p>{@code $natural} is not a field: a sort naming it is a request to scan in {@code _id} order
 * ({@link #naturalDirection()}), and its other keys are ignored, as MongoDB turns it into a hint. Sorting by
 * {@code {$meta: ...}} is not supported.
 */
public final class SortOrder {
    private static final String NATURAL = "$natural";
    private static final Set<String> META_SORTS =
            Set.of("textScore", "randVal", "searchScore", "geoNearDistance", "vectorSearchScore");
    private static final SortOrder NONE = new SortOrder(new BsonDocument(), List.of(), null);

    private final BsonDocument spec;
    private final List<SortKey> keys;
    private final SortDirection natural;

    private SortOrder(BsonDocument spec, List<SortKey> keys, SortDirection natural) {
        this.spec = spec;
        this.keys = keys;
        this.natural = natural;
    }

    /** Parses a sort; throws {@link MongoServerException} with MongoDB's code for an invalid one. */
    public static SortOrder parse(BsonDocument spec) {
        if (spec.isEmpty()) {
            return NONE;
        }
        BsonValue naturalValue = spec.get(NATURAL);
        if (naturalValue != null) {
            boolean backward = SafeNumbers.isNumber(naturalValue) && SafeNumbers.toLong(naturalValue) < 0;
            return new SortOrder(spec, List.of(), backward ? SortDirection.DESCENDING : SortDirection.ASCENDING);
        }
        List<SortKey> keys = new ArrayList<>();
        for (Map.Entry<String, BsonValue> field : spec.entrySet()) {
            keys.add(parseKey(field.getKey(), field.getValue()));
        }
        return new SortOrder(spec, List.copyOf(keys), null);
    }

    private static SortKey parseKey(String name, BsonValue value) {
        if (value.isDocument()) {
            rejectMetaSort(value.asDocument());
        }
        if (!SafeNumbers.isNumber(value)) {
            throw MongoServerException.location(
                    15974, "Illegal key in $sort specification: " + BsonText.element(name, value));
        }
        long direction = SafeNumbers.toLong(value);
        if (direction != 1 && direction != -1) {
            throw MongoServerException.location(
                    15975, "$sort key ordering must be 1 (for ascending) or -1 (for descending)");
        }
        return new SortKey(FieldPath.parse(name), direction == 1 ? SortDirection.ASCENDING : SortDirection.DESCENDING);
    }

    /** {@code {$meta: ...}} is the only document a sort key may be; MongoDB's checks, then "not supported". */
    private static void rejectMetaSort(BsonDocument meta) {
        String operator = meta.isEmpty() ? "" : meta.getFirstKey();
        if (!operator.equals("$meta")) {
            throw MongoServerException.location(17312, "$meta is the only expression supported by $sort right now");
        }
        if (meta.size() != 1) {
            throw new MongoServerException(
                    ErrorCode.FAILED_TO_PARSE, "Cannot have additional keys in a $meta sort specification");
        }
        BsonValue name = meta.get("$meta");
        if (!name.isString() || !META_SORTS.contains(name.asString().getValue())) {
            throw MongoServerException.location(31138, "Illegal $meta sort: " + BsonText.element("$meta", name));
        }
        throw new MongoServerException(
                ErrorCode.NOT_IMPLEMENTED,
                "sorting by {$meta: \"" + name.asString().getValue() + "\"} is not supported");
    }

    /** The sort as the client sent it. */
    public BsonDocument spec() {
        return spec;
    }

    /** True if there is nothing to sort by: an empty sort, or a {@code $natural} one. */
    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** For a {@code $natural} sort, the direction to scan in {@code _id} order; empty otherwise. */
    public Optional<SortDirection> naturalDirection() {
        return Optional.ofNullable(natural);
    }

    /** Orders documents by the keys in turn; 0 when every key is equal (and for an empty sort). */
    public Comparator<BsonDocument> comparator() {
        return (left, right) -> {
            for (SortKey key : keys) {
                int c = key.compare(left, right);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    /**
     * The values {@code document} sorts by, one per key: what {@link #comparator()} compares, with
     * {@link BsonOrder} and each key's direction. For callers that sort many documents and extract keys once.
     */
    public List<BsonValue> sortKey(BsonDocument document) {
        List<BsonValue> values = new ArrayList<>(keys.size());
        for (SortKey key : keys) {
            values.add(key.valueOf(document));
        }
        return values;
    }
}
