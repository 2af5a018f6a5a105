package io.wrongodb.command;

import java.util.List;
import org.bson.BsonDocument;

/**
 * {@code listCollections}: the collections of one database, as a cursor. Until the catalog exists no database has
 * collections, so the first batch is empty and the cursor is exhausted.
 */
public final class ListCollectionsCommand implements Command {
    @Override
    public String name() {
        return "listCollections";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        return CursorReply.complete(request.database() + ".$cmd.listCollections", List.of());
    }
}
