package io.wrongodb.query;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.Map;
import java.util.TreeMap;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The document an upsert that matched nothing starts from, as MongoDB builds it: the query's equality conditions
 * ({@code {a: 1}}, {@code {a: {$eq: 1}}}, those inside {@code $and}, and a {@code $or} of one clause), each path
 * set in order of path, dotted paths as embedded documents, {@code _id} first. Other conditions contribute nothing.
 */
final class UpsertSeed {
    private UpsertSeed() {}

    static BsonDocument of(BsonDocument filter) {
        Map<String, BsonValue> equalities = new TreeMap<>();
        collect(filter, equalities);
        String previous = null;
        for (String path : equalities.keySet()) {
            if (previous != null && path.startsWith(previous + ".")) {
                throw new MongoServerException(
                        ErrorCode.NOT_SINGLE_VALUE_FIELD,
                        "cannot infer query fields to set, both paths '" + previous + "' and '" + path
                                + "' are matched");
            }
            previous = path;
        }
        BsonDocument seed = new BsonDocument();
        BsonValue id = equalities.get(UpdateContext.ID);
        if (id != null) {
            seed.put(UpdateContext.ID, Modifier.copy(id));
        }
        for (Map.Entry<String, BsonValue> equality : equalities.entrySet()) {
            put(seed, equality.getKey().split("\\."), Modifier.copy(equality.getValue()));
        }
        return seed;
    }

    private static void collect(BsonDocument filter, Map<String, BsonValue> equalities) {
        for (Map.Entry<String, BsonValue> condition : filter.entrySet()) {
            String key = condition.getKey();
            BsonValue value = condition.getValue();
            if (key.equals("$and") && value.isArray()) {
                value.asArray().stream()
                        .filter(BsonValue::isDocument)
                        .forEach(c -> collect(c.asDocument(), equalities));
            } else if (key.equals("$or")
                    && value.isArray()
                    && value.asArray().size() == 1
                    && value.asArray().get(0).isDocument()) {
                collect(value.asArray().get(0).asDocument(), equalities);
            } else if (!key.startsWith("$")) {
                BsonValue equal = equalValue(value);
                if (equal != null) {
                    if (equalities.containsKey(key)) {
                        throw new MongoServerException(
                                ErrorCode.NOT_SINGLE_VALUE_FIELD,
                                "cannot infer query fields to set, path '" + key + "' is matched twice");
                    }
                    equalities.put(key, equal);
                }
            }
        }
    }

    /** The value a condition requires the field to equal, or null if it is not an equality. */
    private static BsonValue equalValue(BsonValue condition) {
        if (condition.isRegularExpression()) {
            return null;
        }
        if (condition.isDocument()
                && !condition.asDocument().isEmpty()
                && condition.asDocument().getFirstKey().startsWith("$")) {
            BsonValue equal = condition.asDocument().get("$eq");
            return equal == null || equal.isRegularExpression() ? null : equal;
        }
        return condition;
    }

    private static void put(BsonDocument seed, String[] parts, BsonValue value) {
        BsonDocument current = seed;
        for (int i = 0; i < parts.length - 1; i++) {
            BsonValue next = current.get(parts[i]);
            if (next == null) {
                next = new BsonDocument();
                current.put(parts[i], next);
            }
            current = next.asDocument();
        }
        current.put(parts[parts.length - 1], value);
    }
}
