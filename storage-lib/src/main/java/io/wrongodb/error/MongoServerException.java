package io.wrongodb.error;

import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonString;

/**
 * A failure a client is told about as {@code {ok: 0, errmsg, code, codeName}}. Thrown anywhere above the storage
 * engine; the command dispatcher turns it into the reply.
 */
public class MongoServerException extends RuntimeException {
    private final ErrorCode errorCode;

    public MongoServerException(ErrorCode errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public MongoServerException(ErrorCode errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    /** The reply document MongoDB sends for this error, in MongoDB's field order. */
    public BsonDocument toReply() {
        return new BsonDocument("ok", new BsonDouble(0))
                .append("errmsg", new BsonString(getMessage()))
                .append("code", new BsonInt32(errorCode.code()))
                .append("codeName", new BsonString(errorCode.codeName()));
    }
}
