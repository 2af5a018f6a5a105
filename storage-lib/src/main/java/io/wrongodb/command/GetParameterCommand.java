package io.wrongodb.command;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * {@code getParameter}: the server parameters a client may ask for. {@code {getParameter: "*"}} returns them all;
 * otherwise every field after the first names one parameter.
 */
public final class GetParameterCommand implements Command {
    private final Map<String, BsonValue> parameters;
    private final ServerParameters settable;

    public GetParameterCommand(Map<String, BsonValue> extraParameters) {
        this(extraParameters, new ServerParameters());
    }

    /** The fixed parameters, and those {@code setParameter} changes, read as they are at each call. */
    public GetParameterCommand(Map<String, BsonValue> extraParameters, ServerParameters settable) {
        this.settable = settable;
        java.util.LinkedHashMap<String, BsonValue> all = new java.util.LinkedHashMap<>();
        all.put(
                "featureCompatibilityVersion",
                new BsonDocument("version", new BsonString(ServerVersion.FEATURE_COMPATIBILITY_VERSION)));
        all.putAll(extraParameters);
        this.parameters = java.util.Collections.unmodifiableMap(all);
    }

    @Override
    public String name() {
        return "getParameter";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        BsonDocument body = request.body();
        BsonValue selector = body.get(name());
        BsonDocument reply = new BsonDocument();
        if (selector.isString() && selector.asString().getValue().equals("*")) {
            parameters.forEach(reply::append);
            settable.all().forEach(reply::append);
            return reply;
        }
        for (String field : body.keySet()) {
            if (field.equals(name()) || field.startsWith("$") || field.equals("lsid")) {
                continue;
            }
            BsonValue value = parameters.containsKey(field) ? parameters.get(field) : settable.get(field);
            if (value != null) {
                reply.append(field, value);
            }
        }
        if (reply.isEmpty()) {
            throw new MongoServerException(ErrorCode.INVALID_OPTIONS, "no option found to get");
        }
        return reply;
    }
}
