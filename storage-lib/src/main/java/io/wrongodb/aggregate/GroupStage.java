package io.wrongodb.aggregate;

import io.wrongodb.bson.BsonOrder;
import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.Expression;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * {@code $group}: one output document per distinct key (compared as MongoDB compares values), in the order the keys
 * are first seen, with {@code _id} the key and one field per accumulator. {@code $sortByCount} and {@code $bucket}
 * group with their own key.
 */
final class GroupStage implements Stage {
    private final Function<BsonDocument, BsonValue> key;
    private final Map<String, String> operators;
    private final Map<String, Expression> arguments;

    private GroupStage(
            Function<BsonDocument, BsonValue> key, Map<String, String> operators, Map<String, Expression> arguments) {
        this.key = key;
        this.operators = operators;
        this.arguments = arguments;
    }

    static GroupStage parse(BsonDocument spec) {
        if (!spec.containsKey("_id")) {
            throw MongoServerException.location(15955, "a group specification must include an _id");
        }
        Expression id = Expression.parse(spec.get("_id"));
        BsonDocument fields = spec.clone();
        fields.remove("_id");
        return by(id::evaluate, fields);
    }

    /** Groups by {@code key}; {@code fields} maps each output field to its accumulator, {@code {$sum: 1}} etc. */
    static GroupStage by(Function<BsonDocument, BsonValue> key, BsonDocument fields) {
        Map<String, String> operators = new LinkedHashMap<>();
        Map<String, Expression> arguments = new LinkedHashMap<>();
        for (Map.Entry<String, BsonValue> field : fields.entrySet()) {
            BsonValue accumulator = field.getValue();
            if (!accumulator.isDocument() || accumulator.asDocument().size() != 1) {
                throw MongoServerException.location(
                        40234, "The field '" + field.getKey() + "' must be an accumulator object");
            }
            String operator = accumulator.asDocument().getFirstKey();
            Accumulator.of(operator);
            operators.put(field.getKey(), operator);
            arguments.put(
                    field.getKey(),
                    Accumulator.argument(operator, accumulator.asDocument().get(operator)));
        }
        return new GroupStage(key, operators, arguments);
    }

    @Override
    public List<BsonDocument> apply(List<BsonDocument> input) {
        Map<BsonValue, Integer> positions = new TreeMap<>(BsonOrder.INSTANCE);
        List<BsonValue> keys = new ArrayList<>();
        List<Map<String, Accumulator>> groups = new ArrayList<>();
        for (BsonDocument d : input) {
            BsonValue value = key.apply(d);
            BsonValue groupKey = value == null ? BsonNull.VALUE : value;
            Integer at = positions.get(groupKey);
            if (at == null) {
                at = keys.size();
                positions.put(groupKey, at);
                keys.add(groupKey);
                Map<String, Accumulator> fresh = new LinkedHashMap<>();
                operators.forEach((f, op) -> fresh.put(f, Accumulator.of(op)));
                groups.add(fresh);
            }
            for (Map.Entry<String, Accumulator> acc : groups.get(at).entrySet()) {
                acc.getValue().add(arguments.get(acc.getKey()).evaluate(d));
            }
        }
        List<BsonDocument> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            BsonDocument result = new BsonDocument("_id", keys.get(i));
            groups.get(i).forEach((f, acc) -> result.append(f, acc.result()));
            out.add(result);
        }
        return out;
    }
}
