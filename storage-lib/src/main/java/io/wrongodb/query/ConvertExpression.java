package io.wrongodb.query;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * {@code $convert: {input, to, onError, onNull}} and its shorthands ({@code $toInt: x} is {@code $convert} to
 * "int" with neither onError nor onNull): null or missing input gives onNull (else null), even when {@code to} is
 * null; a null {@code to} otherwise gives null; a failed conversion gives onError (else a ConversionFailure error).
 * An unknown type name in {@code to} is an error onError does not catch.
 */
final class ConvertExpression extends Expression {
    private final Expression input;
    private final Expression to;
    private final Expression onError;
    private final Expression onNull;

    ConvertExpression(Expression input, Expression to, Expression onError, Expression onNull) {
        this.input = input;
        this.to = to;
        this.onError = onError;
        this.onNull = onNull;
    }

    @Override
    BsonValue evaluate(Variables variables) {
        BsonValue target = to.evaluate(variables);
        BsonValue value = input.evaluate(variables);
        org.bson.BsonType type = isNullish(target) ? null : TypeConversion.target(target);
        if (isNullish(value)) {
            return onNull != null ? onNull.evaluate(variables) : BsonNull.VALUE;
        }
        if (type == null) {
            return BsonNull.VALUE;
        }
        try {
            return TypeConversion.convert(value, type);
        } catch (MongoServerException e) {
            if (onError != null && e.errorCode() == ErrorCode.CONVERSION_FAILURE) {
                return onError.evaluate(variables);
            }
            throw e;
        }
    }
}
