package io.wrongodb.query;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * {@code $convert: {input, to, onError, onNull}} and its shorthands ({@code $toInt: x} is {@code $convert} to
 * "int" with neither onError nor onNull): null or missing input gives onNull (else null), a failed conversion
 * onError (else a ConversionFailure error).
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
        BsonValue value = input.evaluate(variables);
        BsonValue target = to.evaluate(variables);
        if (isNullish(target)) {
            return BsonNull.VALUE;
        }
        org.bson.BsonType type = TypeConversion.target(target);
        if (isNullish(value)) {
            return onNull != null ? onNull.evaluate(variables) : BsonNull.VALUE;
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
