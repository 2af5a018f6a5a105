package io.wrongodb.command;

import org.bson.BsonDocument;
import org.bson.BsonString;

/** {@code whatsmyuri}: the client's own address as the server sees it. */
public final class WhatsMyUriCommand implements Command {
    @Override
    public String name() {
        return "whatsmyuri";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        return new BsonDocument("you", new BsonString(request.client().remoteAddress()));
    }
}
