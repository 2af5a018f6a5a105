package io.wrongodb.command;

import io.wrongodb.bson.TypeNames;
import io.wrongodb.catalog.Namespace;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Typed reading of a command's fields, failing as MongoDB's IDL parser does: a field of the wrong type is
 * TypeMismatch (14) with "BSON field 'FindCommandRequest.limit' is the wrong type 'string', expected types
 * '[long, int, decimal, double']", and a missing required field is a BSON field error (40414).
 */
final class Arguments {
    private static final String NUMBER_TYPES = "[long, int, decimal, double]";
    private final String command;
    private final BsonDocument body;

    Arguments(CommandRequest request) {
        this.command = request.name();
        this.body = request.body();
    }

    BsonDocument body() {
        return body;
    }

    /** The collection named by the command's first field, in the request's database. */
    static Namespace namespace(CommandRequest request) {
        BsonValue name = request.body().get(request.name());
        if (name == null || !name.isString()) {
            throw new MongoServerException(
                    ErrorCode.INVALID_NAMESPACE,
                    "collection name has invalid type " + (name == null ? "missing" : TypeNames.of(name)));
        }
        return Namespace.of(request.database(), name.asString().getValue());
    }

    boolean has(String field) {
        BsonValue value = body.get(field);
        return value != null && !value.isNull();
    }

    BsonDocument document(String field, BsonDocument otherwise) {
        BsonValue value = body.get(field);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (!value.isDocument()) {
            throw wrongType(field, value, "[object]");
        }
        return value.asDocument();
    }

    long number(String field, long otherwise) {
        BsonValue value = body.get(field);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (!value.isNumber() && !value.isDecimal128()) {
            throw wrongType(field, value, NUMBER_TYPES);
        }
        if (value.isDouble()
                && value.asDouble().getValue() != Math.rint(value.asDouble().getValue())) {
            throw new MongoServerException(
                    ErrorCode.FAILED_TO_PARSE,
                    "Expected an integer: " + field + ": " + value.asDouble().getValue());
        }
        return value.isDecimal128()
                ? value.asDecimal128().getValue().longValue()
                : value.asNumber().longValue();
    }

    boolean bool(String field, boolean otherwise) {
        BsonValue value = body.get(field);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (value.isBoolean()) {
            return value.asBoolean().getValue();
        }
        if (value.isNumber()) {
            return value.asNumber().doubleValue() != 0;
        }
        throw wrongType(field, value, "[bool]");
    }

    String string(String field, String otherwise) {
        BsonValue value = body.get(field);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (!value.isString()) {
            throw wrongType(field, value, "[string]");
        }
        return value.asString().getValue();
    }

    java.util.List<BsonValue> array(String field) {
        BsonValue value = body.get(field);
        if (value == null) {
            throw MongoServerException.location(
                    40414, "BSON field '" + command + "." + field + "' is missing but a required field");
        }
        if (!value.isArray()) {
            throw wrongType(field, value, "[array]");
        }
        return value.asArray().getValues();
    }

    /**
     * TypeMismatch as MongoDB's IDL parser words it: {@code expected type 'object'} for one type, and for several
     * {@code expected types '[long, int, decimal, double']} (the quote inside the bracket is MongoDB's). The field
     * path starts with the command's IDL struct name where MongoDB's does ({@code FindCommandRequest} for find).
     */
    /** {@code cursor.batchSize} of a command that returns a cursor (aggregate, listCollections): 101 if absent. */
    long cursorBatchSize() {
        BsonDocument cursor = document("cursor", new BsonDocument());
        BsonValue batchSize = cursor.get("batchSize");
        if (batchSize == null) {
            return 101;
        }
        if (!batchSize.isNumber()) {
            throw new MongoServerException(
                    ErrorCode.TYPE_MISMATCH,
                    "BSON field 'cursor.batchSize' is the wrong type '" + TypeNames.of(batchSize)
                            + "', expected types '[long, int, decimal, double]'");
        }
        long value = batchSize.asNumber().longValue();
        if (value < 0) {
            throw new MongoServerException(ErrorCode.BAD_VALUE, "batchSize must be non-negative");
        }
        return value;
    }

    MongoServerException wrongType(String field, BsonValue value, String expected) {
        String types = expected.substring(1, expected.length() - 1);
        String expectation = types.contains(",") ? "expected types '[" + types + "']" : "expected type '" + types + "'";
        return new MongoServerException(
                ErrorCode.TYPE_MISMATCH,
                "BSON field '" + structName() + "." + field + "' is the wrong type '" + TypeNames.of(value) + "', "
                        + expectation);
    }

    private String structName() {
        return command.equals("find") ? "FindCommandRequest" : command;
    }
}
