package io.wrongodb.command;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;

/**
 * {@code connectionStatus}: who the connection is authenticated as. WrongoDB has no access control yet, so nobody
 * is, and every client has every privilege (the startup warning says so).
 */
public final class ConnectionStatusCommand implements Command {
    @Override
    public String name() {
        return "connectionStatus";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        BsonDocument authInfo = new BsonDocument("authenticatedUsers", new BsonArray())
                .append("authenticatedUserRoles", new BsonArray());
        if (request.body().getBoolean("showPrivileges", BsonBoolean.FALSE).getValue()) {
            authInfo.append("authenticatedUserPrivileges", new BsonArray());
        }
        return new BsonDocument("authInfo", authInfo);
    }
}
