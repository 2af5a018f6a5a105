package io.wrongodb.error;

import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonString;

/**
 * A failure a client is told about as {@code {ok: 0, errmsg, code, codeName}}. Thrown anywhere above the storage
 * engine; the command dispatcher turns it into the reply. Most failures carry a named {@link ErrorCode}; MongoDB
 * also raises many errors known only by their source location number, with the code name {@code Location<n>}, and
 * {@link #location} makes those. Some errors carry more fields (a duplicate key its {@code keyPattern} and
 * {@code keyValue}): they go in {@link #extra()} and are appended to the reply and to a write error.
 */
public class MongoServerException extends RuntimeException {
    private final ErrorCode errorCode;
    private final int code;
    private final String codeName;
    private final BsonDocument extra = new BsonDocument();

    public MongoServerException(ErrorCode errorCode, String message) {
        this(errorCode, message, null);
    }

    public MongoServerException(ErrorCode errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.code = errorCode.code();
        this.codeName = errorCode.codeName();
    }

    private MongoServerException(int code, String message) {
        super(message);
        this.errorCode = null;
        this.code = code;
        this.codeName = "Location" + code;
    }

    /** An error MongoDB knows only by its location number, such as 31254 for a mixed projection. */
    public static MongoServerException location(int code, String message) {
        return new MongoServerException(code, message);
    }

    /** The named code, or null for a {@link #location} error. */
    public ErrorCode errorCode() {
        return errorCode;
    }

    public int code() {
        return code;
    }

    public String codeName() {
        return codeName;
    }

    /** Fields beyond code and message that the reply carries, in order; mutable until thrown. */
    public BsonDocument extra() {
        return extra;
    }

    public MongoServerException with(String field, org.bson.BsonValue value) {
        extra.put(field, value);
        return this;
    }

    /** The reply document MongoDB sends for this error, in MongoDB's field order. */
    public BsonDocument toReply() {
        BsonDocument reply = new BsonDocument("ok", new BsonDouble(0))
                .append("errmsg", new BsonString(getMessage()))
                .append("code", new BsonInt32(code))
                .append("codeName", new BsonString(codeName));
        reply.putAll(extra);
        return reply;
    }
}
