package io.wrongodb.command;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;

/** {@code getCmdLineOpts}: how the node was started, as MongoDB's parsed options ({@code net}, {@code storage}, …). */
public final class GetCmdLineOptsCommand implements Command {
    private final BsonDocument parsed;

    public GetCmdLineOptsCommand(BsonDocument parsed) {
        this.parsed = parsed;
    }

    @Override
    public String name() {
        return "getCmdLineOpts";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        BsonArray argv = new BsonArray();
        argv.add(new BsonString("wrongodb"));
        return new BsonDocument("argv", argv).append("parsed", parsed.clone());
    }
}
