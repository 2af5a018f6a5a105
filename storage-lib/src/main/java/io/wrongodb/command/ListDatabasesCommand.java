package io.wrongodb.command;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt64;

/**
 * {@code listDatabases} (admin only): the databases that hold data, with their sizes. Until the catalog exists no
 * database holds data, so the list is empty, which is what MongoDB answers for an empty node apart from its
 * internal databases.
 */
public final class ListDatabasesCommand implements Command {
    @Override
    public String name() {
        return "listDatabases";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        if (!request.database().equals("admin")) {
            throw new MongoServerException(
                    ErrorCode.UNAUTHORIZED, "listDatabases may only be run against the admin database.");
        }
        BsonDocument reply = new BsonDocument("databases", new BsonArray());
        if (!request.body().getBoolean("nameOnly", BsonBoolean.FALSE).getValue()) {
            reply.append("totalSize", new BsonDouble(0)).append("totalSizeMb", new BsonInt64(0));
        }
        return reply;
    }
}
