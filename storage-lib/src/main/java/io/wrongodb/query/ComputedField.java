package io.wrongodb.query;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A field a projection computes rather than copies: a literal value ({@code {x: "abc"}}, {@code {x: {$literal: 1}}})
 * or the first array element an {@code $elemMatch} selects. Evaluated against the whole input document.
 */
interface ComputedField {
    /** The field's value, or {@link ProjectionNode#MISSING} to leave the field out. */
    BsonValue evaluate(BsonDocument root);

    static ComputedField literal(BsonValue value) {
        return root -> value;
    }

    /**
     * A projection value that is neither a number, a boolean nor a sub-projection, as MongoDB's expression parser
     * reads it: constants stay as they are, arrays and documents are evaluated element by element, and
     * {@code {$literal: v}} is {@code v}. Field paths ({@code "$a"}), variables ({@code "$$ROOT"}) and operators
     * other than {@code $literal} need expressions, which projections do not support yet.
     */
    static BsonValue constantOf(BsonValue value) {
        if (value.isString() && value.asString().getValue().startsWith("$")) {
            throw new MongoServerException(
                    ErrorCode.NOT_IMPLEMENTED,
                    "field path and variable expressions such as \""
                            + value.asString().getValue() + "\" are not supported in a projection");
        }
        if (value.isArray()) {
            BsonArray constant = new BsonArray();
            for (BsonValue element : value.asArray()) {
                constant.add(constantOf(element));
            }
            return constant;
        }
        if (value.isDocument()) {
            BsonDocument document = value.asDocument();
            if (document.size() == 1 && document.getFirstKey().startsWith("$")) {
                return operatorValue(document.getFirstKey(), document.get(document.getFirstKey()));
            }
            BsonDocument constant = new BsonDocument();
            for (Map.Entry<String, BsonValue> field : document.entrySet()) {
                constant.put(field.getKey(), constantOf(field.getValue()));
            }
            return constant;
        }
        return value;
    }

    /** The value of {@code {$literal: argument}}; any other operator is not supported. */
    static BsonValue operatorValue(String operator, BsonValue argument) {
        if (operator.equals("$literal")) {
            return argument;
        }
        throw new MongoServerException(
                ErrorCode.NOT_IMPLEMENTED, "expression " + operator + " is not supported in a projection");
    }

    /**
     * {@code {field: {$elemMatch: ...}}}: the first element of the top-level array {@code field} that matches, as a
     * one-element array; nothing when no element matches or the field is not an array.
     */
    static ComputedField elemMatch(String field, Filter filter) {
        return root -> {
            MatchDetails details = new MatchDetails();
            if (!filter.matches(root, details)) {
                return ProjectionNode.MISSING;
            }
            BsonValue array = root.get(field);
            OptionalInt position = details.arrayPosition();
            if (array == null
                    || !array.isArray()
                    || position.isEmpty()
                    || position.getAsInt() >= array.asArray().size()) {
                return ProjectionNode.MISSING;
            }
            return new BsonArray(List.of(array.asArray().get(position.getAsInt())));
        };
    }
}
