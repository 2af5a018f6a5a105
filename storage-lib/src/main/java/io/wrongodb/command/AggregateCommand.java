package io.wrongodb.command;

import io.wrongodb.aggregate.Pipeline;
import io.wrongodb.catalog.Namespace;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.Results;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * {@code aggregate} on a collection: the pipeline's leading {@code $match} is planned like a find (so it can use an
 * index), the other stages run in memory over what it returns, and the output is a cursor. On a database
 * ({@code aggregate: 1}) the pipeline must start with {@code $documents}. With {@code explain: true} it replies
 * with the plan instead, as {@code explain} of an aggregate does.
 *
 * <p>Every stage holds its documents in memory; MongoDB's 100 MB limit on {@code $group} and {@code $sort} without
 * {@code allowDiskUse} is not enforced.
 */
public final class AggregateCommand implements Command {
    /** Database-level first stages MongoDB has and WrongoDB does not. */
    private static final Set<String> UNSUPPORTED_DATABASE_STAGES = Set.of(
            "$currentOp",
            "$listLocalSessions",
            "$listSessions",
            "$changeStream",
            "$queryStats",
            "$listCatalog",
            "$listCachedAndActiveUsers",
            "$shardedDataDistribution");

    private final Store store;
    private final CurrentOpCommand currentOp;

    public AggregateCommand(Store store) {
        this(store, null);
    }

    /** With {@code currentOp} as the source of the {@code $currentOp} stage (null: that stage is refused). */
    public AggregateCommand(Store store, CurrentOpCommand currentOp) {
        this.store = store;
        this.currentOp = currentOp;
    }

    @Override
    public String name() {
        return "aggregate";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        BsonValue target = request.body().get("aggregate");
        Arguments args = new Arguments(request);
        Collation.requireSimple(request.body().get("collation"));
        List<BsonValue> stages = args.array("pipeline");
        List<BsonDocument> generated = null; // the input a database-level source stage makes
        boolean onDatabase = target != null && target.isNumber();
        String cursorNamespace;
        PipelineCollections access;
        Namespace ns = null;
        if (onDatabase) {
            if (target.asNumber().doubleValue() != 1) {
                throw new MongoServerException(
                        ErrorCode.FAILED_TO_PARSE,
                        "Invalid command format: the 'aggregate' field must specify a collection name or 1");
            }
            Namespace.checkDatabaseName(request.database());
            if (currentOp != null && firstStage(stages).equals("$currentOp")) {
                if (!request.database().equals("admin")) {
                    throw new MongoServerException(
                            ErrorCode.INVALID_NAMESPACE,
                            "$currentOp must be run against the 'admin' database with {aggregate: 1}");
                }
                if (!stages.get(0).asDocument().get("$currentOp").isDocument()) {
                    throw new MongoServerException(
                            ErrorCode.FAILED_TO_PARSE, "$currentOp options must be specified in an object");
                }
                generated = currentOp.inProgress();
                stages = stages.subList(1, stages.size());
            } else {
                checkDatabaseLevel(stages);
            }
            cursorNamespace = request.database() + ".$cmd.aggregate";
            access = new PipelineCollections(store, request.database(), null);
        } else {
            ns = Arguments.namespace(request);
            cursorNamespace = ns.full();
            ViewReads.Resolved view = ViewReads.resolve(store.catalog(), ns);
            if (view != null) {
                List<BsonValue> all = new ArrayList<>(view.pipeline());
                all.addAll(stages);
                stages = all;
                ns = view.collection();
            }
            access = new PipelineCollections(store, ns.database(), ns.collection());
        }
        Pipeline pipeline = Pipeline.parse(stages, access);
        boolean explain = args.bool("explain", false);
        if (!request.body().containsKey("cursor") && !explain) {
            throw new MongoServerException(
                    ErrorCode.FAILED_TO_PARSE,
                    "The 'cursor' option is required, except for aggregate with the explain argument");
        }
        long batchSize = args.cursorBatchSize();
        if (explain) {
            return explain(request, pipeline, ns == null || !pipeline.readsCollection());
        }
        List<BsonDocument> input = generated != null
                ? generated
                : ns == null
                        ? new ArrayList<>()
                        : ViewReads.input(store, ns, pipeline, request.body().get("hint"));
        Results output = Results.of(pipeline.apply(input));
        return CursorCommands.firstBatch(store, cursorNamespace, output, (int) batchSize, false);
    }

    /** The name of the pipeline's first stage, or "" when there is none. */
    private static String firstStage(List<BsonValue> stages) {
        BsonValue first = stages.isEmpty() ? null : stages.get(0);
        return first != null && first.isDocument() && !first.asDocument().isEmpty()
                ? first.asDocument().getFirstKey()
                : "";
    }

    /**
     * A database-level aggregate takes a pipeline that makes its own documents; WrongoDB has {@code $documents} (and
     * {@code $currentOp}, handled before this) only.
     */
    private static void checkDatabaseLevel(List<BsonValue> stages) {
        if (stages.isEmpty()) {
            throw new MongoServerException(
                    ErrorCode.INVALID_NAMESPACE, "{aggregate: 1} is not valid for an empty pipeline.");
        }
        String name = firstStage(stages);
        if (UNSUPPORTED_DATABASE_STAGES.contains(name)) {
            throw new MongoServerException(
                    ErrorCode.NOT_IMPLEMENTED,
                    name + " is not supported by WrongoDB: a database-level aggregate may start with $documents only");
        }
        if (!name.equals("$documents")) {
            throw new MongoServerException(
                    ErrorCode.INVALID_NAMESPACE,
                    "{aggregate: 1} is not valid for '" + name + "'; a collection is required.");
        }
    }

    /**
     * The plan, as MongoDB 7.0 explains an aggregate: the find-like {@code queryPlanner} when the pipeline is only
     * its leading {@code $match}; otherwise {@code stages}, the first being {@code $cursor} with that planner output
     * and the rest the stages as written.
     */
    private BsonDocument explain(CommandRequest request, Pipeline pipeline, boolean noCursor) {
        BsonDocument command = request.body().clone();
        command.remove("explain");
        command.remove("cursor");
        BsonDocument serverInfo = new BsonDocument("host", new BsonString("wrongodb"))
                .append("version", new BsonString(ServerVersion.MONGODB_VERSION));
        if (noCursor) {
            BsonArray stages = new BsonArray();
            stages.addAll(pipeline.stagesAfterMatch());
            return new BsonDocument("explainVersion", new BsonString("1"))
                    .append("stages", stages)
                    .append("serverInfo", serverInfo)
                    .append("command", command);
        }
        BsonDocument explainRequest = new BsonDocument("explain", command)
                .append("verbosity", new BsonString("queryPlanner"))
                .append("$db", new BsonString(request.database()));
        BsonDocument planned =
                new ExplainCommand(store).run(new CommandRequest(request.database(), explainRequest, request.client()));
        if (pipeline.stagesAfterMatch().isEmpty()) {
            return planned;
        }
        BsonArray stages = new BsonArray();
        stages.add(new BsonDocument("$cursor", new BsonDocument("queryPlanner", planned.getDocument("queryPlanner"))));
        stages.addAll(pipeline.stagesAfterMatch());
        BsonDocument reply = new BsonDocument("explainVersion", new BsonString("1")).append("stages", stages);
        for (String field : List.of("serverInfo", "command")) {
            if (planned.containsKey(field)) {
                reply.append(field, planned.get(field));
            }
        }
        return reply;
    }
}
