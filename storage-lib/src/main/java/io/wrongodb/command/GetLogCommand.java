package io.wrongodb.command;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * {@code getLog}: {@code "*"} lists the in-memory logs; a log's name returns its recent lines. mongosh reads
 * {@code startupWarnings} when it connects and shows them.
 */
public final class GetLogCommand implements Command {
    private final Map<String, RamLog> logs = new LinkedHashMap<>();

    public GetLogCommand(List<RamLog> logs) {
        logs.forEach(log -> this.logs.put(log.name(), log));
    }

    @Override
    public String name() {
        return "getLog";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        BsonValue which = request.body().get(name());
        if (!which.isString()) {
            throw new MongoServerException(
                    ErrorCode.TYPE_MISMATCH,
                    "Argument to getLog must be of type String; found " + which + " of type "
                            + which.getBsonType().name().toLowerCase(java.util.Locale.ROOT));
        }
        String name = which.asString().getValue();
        if (name.equals("*")) {
            BsonArray names = new BsonArray();
            logs.keySet().forEach(logName -> names.add(new BsonString(logName)));
            return new BsonDocument("names", names);
        }
        RamLog log = logs.get(name);
        if (log == null) {
            throw new MongoServerException(ErrorCode.BAD_VALUE, "No log named '" + name + "'");
        }
        BsonArray lines = new BsonArray();
        log.lines().forEach(line -> lines.add(new BsonString(line)));
        return new BsonDocument("totalLinesWritten", new BsonInt64(log.totalLinesWritten())).append("log", lines);
    }
}
