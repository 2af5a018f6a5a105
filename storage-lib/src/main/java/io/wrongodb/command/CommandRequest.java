package io.wrongodb.command;

import org.bson.BsonDocument;

/** A command as the client sent it: the database it runs in ({@code $db}), its document, and who sent it. */
public record CommandRequest(String database, BsonDocument body, ClientConnection client) {
    /** The command's name: the first field of its document. */
    public String name() {
        return body.isEmpty() ? "" : body.getFirstKey();
    }
}
