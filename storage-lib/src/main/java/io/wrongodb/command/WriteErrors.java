package io.wrongodb.command;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

/**
 * The {@code writeErrors} of a write command's reply: one entry per failed operation, {@code {index, code,
 * [keyPattern, keyValue,] errmsg}}, in the order the operations ran. An ordered command stops at its first error;
 * an unordered one goes on and reports them all.
 */
final class WriteErrors {
    private final BsonArray errors = new BsonArray();

    void add(int index, MongoServerException e) {
        if (e.code() == ErrorCode.MAX_TIME_MS_EXPIRED.code() || e.code() == ErrorCode.INTERRUPTED.code()) {
            throw e; // as in mongod, an interruption fails the whole command, not one operation
        }
        BsonDocument error = new BsonDocument("index", new BsonInt32(index)).append("code", new BsonInt32(e.code()));
        error.putAll(e.extra());
        error.append("errmsg", new BsonString(e.getMessage()));
        errors.add(error);
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Appends {@code writeErrors} to the reply if any operation failed. */
    BsonDocument appendTo(BsonDocument reply) {
        if (!errors.isEmpty()) {
            reply.append("writeErrors", errors);
        }
        return reply;
    }
}
