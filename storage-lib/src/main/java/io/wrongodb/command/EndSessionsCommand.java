package io.wrongodb.command;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import org.bson.BsonDocument;

/**
 * {@code endSessions}: drivers send it when they close, listing the logical sessions they used. The server keeps no
 * state per session until transactions arrive, so there is nothing to release; the argument is still checked.
 */
public final class EndSessionsCommand implements Command {
    @Override
    public String name() {
        return "endSessions";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        if (!request.body().get(name()).isArray()) {
            throw new MongoServerException(
                    ErrorCode.TYPE_MISMATCH,
                    "BSON field 'endSessions.endSessions' is the wrong type, expected type 'array'");
        }
        return new BsonDocument();
    }
}
