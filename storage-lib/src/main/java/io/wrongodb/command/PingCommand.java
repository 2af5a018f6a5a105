package io.wrongodb.command;

import org.bson.BsonDocument;

/** {@code ping}: answers {@code {ok: 1}}; drivers use it to check a connection is alive. */
public final class PingCommand implements Command {
    @Override
    public String name() {
        return "ping";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        return new BsonDocument();
    }
}
