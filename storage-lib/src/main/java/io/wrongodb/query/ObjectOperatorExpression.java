package io.wrongodb.query;

import io.wrongodb.error.MongoServerException;
import java.util.List;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * Operators on documents: {@code $mergeObjects} (later fields win; null and missing arguments are skipped),
 * {@code $objectToArray} (a document as {@code [{k, v}, ...]}) and {@code $arrayToObject} (back from
 * {@code [[k, v], ...]} or {@code [{k, v}, ...]}; the last of equal keys wins).
 */
final class ObjectOperatorExpression extends ValueOperatorExpression {
    ObjectOperatorExpression(String operator, List<Expression> arguments) {
        super(operator, arguments);
    }

    @Override
    BsonValue apply(List<BsonValue> values) {
        return switch (operator) {
            case "$mergeObjects" -> merge(values);
            case "$objectToArray" -> toArray(values.get(0));
            default -> toObject(values.get(0));
        };
    }

    private static BsonValue merge(List<BsonValue> values) {
        BsonDocument result = new BsonDocument();
        for (BsonValue value : values) {
            if (isNullish(value)) {
                continue;
            }
            if (!value.isDocument()) {
                throw MongoServerException.location(
                        40400,
                        "$mergeObjects requires object inputs, but input " + BsonText.of(value) + " is of type "
                                + typeName(value));
            }
            result.putAll(value.asDocument());
        }
        return result;
    }

    private static BsonValue toArray(BsonValue value) {
        if (isNullish(value)) {
            return BsonNull.VALUE;
        }
        if (!value.isDocument()) {
            throw MongoServerException.location(
                    40390, "$objectToArray requires a document input, found: " + typeName(value));
        }
        BsonArray result = new BsonArray();
        for (Map.Entry<String, BsonValue> field : value.asDocument().entrySet()) {
            result.add(new BsonDocument("k", new BsonString(field.getKey())).append("v", field.getValue()));
        }
        return result;
    }

    private static BsonValue toObject(BsonValue value) {
        if (isNullish(value)) {
            return BsonNull.VALUE;
        }
        if (!value.isArray()) {
            throw MongoServerException.location(
                    40386, "$arrayToObject requires an array input, found: " + typeName(value));
        }
        BsonDocument result = new BsonDocument();
        BsonArray array = value.asArray();
        if (array.isEmpty()) {
            return result;
        }
        boolean pairs = array.get(0).isArray();
        if (!pairs && !array.get(0).isDocument()) {
            throw MongoServerException.location(
                    40398, "Unrecognised input type format for $arrayToObject: " + typeName(array.get(0)));
        }
        for (BsonValue element : array) {
            BsonValue key;
            BsonValue fieldValue;
            if (pairs) {
                if (!element.isArray()) {
                    throw inconsistent();
                }
                BsonArray pair = element.asArray();
                if (pair.size() != 2) {
                    throw MongoServerException.location(
                            40397,
                            "$arrayToObject requires an array of size 2 arrays,found array of size: " + pair.size());
                }
                key = pair.get(0);
                fieldValue = pair.get(1);
                if (!key.isString()) {
                    throw MongoServerException.location(
                            40395,
                            "$arrayToObject requires an array of key-value pairs, where the key must be of type"
                                    + " string. Found key type: " + typeName(key));
                }
            } else {
                if (!element.isDocument()) {
                    throw inconsistent();
                }
                BsonDocument kv = element.asDocument();
                if (kv.size() != 2) {
                    throw MongoServerException.location(
                            40392,
                            "$arrayToObject requires an object keys of 'k' and 'v'. Found incorrect number"
                                    + " of keys:" + kv.size());
                }
                if (!kv.containsKey("k") || !kv.containsKey("v")) {
                    throw MongoServerException.location(
                            40393,
                            "$arrayToObject requires an object with keys 'k' and 'v'. Missing either or"
                                    + " both keys from: " + BsonText.of(kv));
                }
                key = kv.get("k");
                fieldValue = kv.get("v");
                if (!key.isString()) {
                    throw MongoServerException.location(
                            40394,
                            "$arrayToObject requires an object with keys 'k' and 'v', where the value of 'k'"
                                    + " must be of type string. Found type: " + typeName(key));
                }
            }
            String name = key.asString().getValue();
            if (name.indexOf('\0') >= 0) {
                throw MongoServerException.location(4940400, "Key field cannot contain an embedded null byte");
            }
            result.put(name, fieldValue);
        }
        return result;
    }

    private static MongoServerException inconsistent() {
        return MongoServerException.location(
                40391,
                "$arrayToObject requires a consistent input format. Elements must all be arrays or all be"
                        + " objects. Array was detected, now found: object");
    }
}
