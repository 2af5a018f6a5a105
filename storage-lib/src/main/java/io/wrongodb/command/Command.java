package io.wrongodb.command;

import java.util.Set;
import org.bson.BsonDocument;

/**
 * One MongoDB command. {@link #run} returns the reply without {@code ok} (the dispatcher appends {@code ok: 1}) or
 * throws {@link io.wrongodb.error.MongoServerException} for {@code ok: 0}.
 */
public interface Command {
    /** The name the client sends as the first field of the command document. */
    String name();

    /** Other names for the same command, such as {@code isMaster} for {@code hello}. */
    default Set<String> aliases() {
        return Set.of();
    }

    BsonDocument run(CommandRequest request);
}
