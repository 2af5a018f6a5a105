package io.wrongodb.command;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * {@code setParameter} on the admin database: {@code {setParameter: 1, ttlMonitorSleepSecs: 5}} changes one
 * {@link ServerParameters} value (or several) and answers the value the first one had ({@code was}).
 */
public final class SetParameterCommand implements Command {
    private final ServerParameters parameters;

    public SetParameterCommand(ServerParameters parameters) {
        this.parameters = parameters;
    }

    @Override
    public String name() {
        return "setParameter";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        if (!request.database().equals("admin")) {
            throw new MongoServerException(
                    ErrorCode.UNAUTHORIZED, "setParameter may only be run against the admin database.");
        }
        BsonValue was = null;
        for (Map.Entry<String, BsonValue> field : request.body().entrySet()) {
            String name = field.getKey();
            if (name.equals(name()) || name.startsWith("$") || CreateCommand.GENERIC_FIELDS.contains(name)) {
                continue;
            }
            BsonValue previous = parameters.set(name, field.getValue());
            if (was == null) {
                was = previous;
            }
        }
        if (was == null) {
            throw new MongoServerException(
                    ErrorCode.INVALID_OPTIONS, "no option found to set, use help:true to see options ");
        }
        return new BsonDocument("was", was);
    }
}
