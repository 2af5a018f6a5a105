package io.wrongodb.query;

import io.wrongodb.error.MongoServerException;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A parsed aggregation expression, such as {@code {$gt: ["$qty", {$multiply: ["$limit", 2]}]}}: parse once, then
 * evaluate against many documents. {@code $expr} filters use it; so will {@code $group} and {@code $project}.
 *
 * <p>Understands field paths ({@code "$a.b"}, which map over arrays), the variables {@code $$ROOT},
 * {@code $$CURRENT}, {@code $$REMOVE} and user variables ({@code $let}, {@code $map}, {@code $filter},
 * {@code $reduce}), literals, objects and arrays of expressions, and operators of these families: comparison,
 * boolean, arithmetic and math, conditional ({@code $cond $ifNull $switch}), string and regex, array and set,
 * object, type conversion and date. {@link ExpressionParser} maps each name to its class. Others are refused when
 * parsing, with MongoDB's "Unrecognized expression" error.
 *
 * <p>A result may be "missing" (a field path that leads nowhere, {@code $$REMOVE}); {@link #evaluate} returns Java
 * null for it, which is not BSON null.
 */
public abstract class Expression {
    Expression() {}

    /** Parses an expression; throws {@link MongoServerException} with MongoDB's code for an invalid one. */
    public static Expression parse(BsonValue spec) {
        return ExpressionParser.parse(spec);
    }

    /** The expression's value for the document {@code root}, or null if the result is missing. */
    public final BsonValue evaluate(BsonDocument root) {
        return evaluate(Variables.of(root));
    }

    /** The expression's value with these variables bound, or null if the result is missing. */
    abstract BsonValue evaluate(Variables variables);

    /** Whether a result counts as true: all but false, zero, null, undefined and missing do. */
    public static boolean isTrue(BsonValue value) {
        if (value == null) {
            return false;
        }
        return switch (value.getBsonType()) {
            case BOOLEAN -> value.asBoolean().getValue();
            case NULL, UNDEFINED -> false;
            case INT32, INT64, DOUBLE, DECIMAL128 -> FilterParser.isTruthy(value);
            default -> true;
        };
    }

    /** Null, undefined or missing: the values most operators turn into a null result. */
    static boolean isNullish(BsonValue value) {
        return value == null || value.isNull() || value.getBsonType() == org.bson.BsonType.UNDEFINED;
    }

    /** The type name MongoDB uses in messages and {@code $type}: "int", "string", ..., "missing". */
    static String typeName(BsonValue value) {
        return value == null ? "missing" : BsonTypeNames.aliasOf(value.getBsonType());
    }
}
