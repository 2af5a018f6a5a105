package io.wrongodb.command;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.Filter;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * {@code currentOp} (admin only): {@code {inprog: [...]}}, one document per command running now (this one included),
 * with mongod 7.0's fields {@code type, host, desc, connectionId, client, clientMetadata, active, currentOpTime, opid,
 * secs_running, microsecs_running, op, ns, command}. The other fields of the command are a filter on those documents
 * ({@code {currentOp: 1, op: "query"}}). {@code $all} and {@code $ownOps} are accepted; idle connections and
 * internal operations are never listed, and nothing waits on locks or yields, so {@code numYields} is 0 and
 * {@code locks} empty.
 */
public final class CurrentOpCommand implements Command {
    private static final Set<String> OPTIONS = Set.of("currentOp", "$all", "$ownOps", "$truncateOps", "$allUsers");
    /** Commands whose first field names a collection of the request's database. */
    private static final Set<String> ON_COLLECTION = Set.of(
            "find",
            "insert",
            "update",
            "delete",
            "count",
            "distinct",
            "aggregate",
            "findAndModify",
            "createIndexes",
            "dropIndexes",
            "listIndexes",
            "collStats",
            "validate",
            "collMod",
            "create",
            "drop");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx");

    private final ServerProcess process;
    private final CurrentOps currentOps;

    public CurrentOpCommand(ServerProcess process, CurrentOps currentOps) {
        this.process = process;
        this.currentOps = currentOps;
    }

    @Override
    public String name() {
        return "currentOp";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        if (!request.database().equals("admin")) {
            throw new MongoServerException(
                    ErrorCode.UNAUTHORIZED, "currentOp may only be run against the admin database.");
        }
        BsonDocument filterSpec = new BsonDocument();
        request.body().forEach((field, value) -> {
            boolean generic = field.startsWith("$") || CreateCommand.GENERIC_FIELDS.contains(field);
            if (!OPTIONS.contains(field) && !generic) {
                filterSpec.append(field, value);
            }
        });
        Filter filter = Filter.parse(filterSpec);
        BsonArray inprog = new BsonArray();
        for (CurrentOps.Op op : currentOps.snapshot()) {
            BsonDocument described = describe(op);
            if (filter.matches(described)) {
                inprog.add(described);
            }
        }
        return new BsonDocument("inprog", inprog);
    }

    /** Every operation in progress, described as {@code inprog} lists it (the {@code $currentOp} stage's input). */
    List<BsonDocument> inProgress() {
        List<BsonDocument> all = new java.util.ArrayList<>();
        for (CurrentOps.Op op : currentOps.snapshot()) {
            all.add(describe(op));
        }
        return all;
    }

    private BsonDocument describe(CurrentOps.Op op) {
        CommandRequest request = op.request();
        BsonDocument doc =
                new BsonDocument("type", new BsonString("op")).append("host", new BsonString(process.hostAndPort()));
        ClientConnection client = request.client();
        if (client != null) {
            doc.append("desc", new BsonString("conn" + client.id()))
                    .append(
                            "connectionId",
                            client.id() <= Integer.MAX_VALUE
                                    ? new BsonInt32((int) client.id())
                                    : new BsonInt64(client.id()))
                    .append("client", new BsonString(client.remoteAddress()));
            BsonDocument metadata = client.metadata();
            if (metadata != null) {
                doc.append("clientMetadata", metadata.clone());
            }
        }
        long micros = TimeUnit.NANOSECONDS.toMicros(op.runningNanos());
        doc.append("active", BsonBoolean.TRUE)
                .append("currentOpTime", new BsonString(OffsetDateTime.now().format(TIME)))
                .append("threaded", BsonBoolean.TRUE)
                .append("opid", new BsonInt32(op.opId()))
                .append("secs_running", new BsonInt64(micros / 1_000_000))
                .append("microsecs_running", new BsonInt64(micros))
                .append("op", new BsonString(opType(request.name())))
                .append("ns", new BsonString(namespace(request)))
                .append("redacted", BsonBoolean.FALSE)
                .append("command", request.body().clone())
                .append("numYields", new BsonInt32(0))
                .append("locks", new BsonDocument())
                .append("waitingForLock", BsonBoolean.FALSE)
                .append("lockStats", new BsonDocument());
        if (op.killPending()) {
            doc.append("killPending", BsonBoolean.TRUE);
        }
        return doc;
    }

    /** mongod's name of the operation: the CRUD ones by their legacy names, every other one a "command". */
    private static String opType(String command) {
        return switch (command) {
            case "find" -> "query";
            case "insert" -> "insert";
            case "update" -> "update";
            case "delete" -> "remove";
            case "getMore" -> "getmore";
            default -> "command";
        };
    }

    /** The collection the command works on, or {@code <db>.$cmd} for the others. */
    private static String namespace(CommandRequest request) {
        BsonDocument body = request.body();
        BsonValue target = ON_COLLECTION.contains(request.name())
                ? body.get(request.name())
                : request.name().equals("getMore") ? body.get("collection") : null;
        return request.database() + "."
                + (target != null && target.isString() ? target.asString().getValue() : "$cmd");
    }
}
