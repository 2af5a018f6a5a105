package io.wrongodb.command;

import io.wrongodb.aggregate.Pipeline;
import io.wrongodb.catalog.CollectionInfo;
import io.wrongodb.catalog.IndexSpec;
import io.wrongodb.catalog.Namespace;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.Filter;
import io.wrongodb.query.Plan;
import io.wrongodb.query.Planner;
import io.wrongodb.query.QueryRun;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * {@code explain} of {@code find}, {@code count}, {@code distinct}, {@code aggregate}, {@code update} and
 * {@code delete}: the plan the planner picks, in MongoDB's shape ({@code queryPlanner.winningPlan} with COLLSCAN,
 * IXSCAN under FETCH, IDHACK or CLUSTERED_IXSCAN for {@code _id}, SORT, SKIP, LIMIT, PROJECTION), and with
 * {@code executionStats} or {@code allPlansExecution} verbosity the counts of a real run of a find.
 */
public final class ExplainCommand implements Command {
    private static final Set<String> VERBOSITIES = Set.of("queryPlanner", "executionStats", "allPlansExecution");
    private final Store store;

    public ExplainCommand(Store store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "explain";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        BsonValue inner = request.body().get("explain");
        if (inner == null || !inner.isDocument() || inner.asDocument().isEmpty()) {
            throw new MongoServerException(ErrorCode.FAILED_TO_PARSE, "explain command requires a nested object");
        }
        String verbosity = new Arguments(request).string("verbosity", "allPlansExecution");
        if (!VERBOSITIES.contains(verbosity)) {
            throw new MongoServerException(
                    ErrorCode.FAILED_TO_PARSE,
                    "verbosity string must be one of " + "{'queryPlanner', 'executionStats', 'allPlansExecution'}");
        }
        BsonDocument command = inner.asDocument();
        CommandRequest explained = new CommandRequest(request.database(), command, request.client());
        String name = explained.name();
        Namespace ns = Arguments.namespace(explained);
        CollectionInfo collection = store.catalog().collection(ns).orElse(null);
        Plan plan;
        BsonDocument filter;
        BsonDocument root;
        FindRequest find = null;
        switch (name) {
            case "find" -> {
                find = new FindRequest(explained);
                filter = find.filter.spec();
                plan = find.plan(collection);
                root = findStages(find, plan);
            }
            case "count", "distinct" -> {
                filter = new Arguments(explained).document("query", new BsonDocument());
                plan = plan(collection, filter, new BsonDocument(), command.get("hint"));
                root = scanStage(plan, filter);
                root = new BsonDocument("stage", new BsonString(name.equals("count") ? "COUNT" : "PROJECTION_DEFAULT"))
                        .append("inputStage", root);
            }
            case "aggregate" -> {
                Pipeline pipeline = Pipeline.parse(new Arguments(explained).array("pipeline"));
                filter = pipeline.leadingMatch();
                plan = plan(collection, filter, new BsonDocument(), command.get("hint"));
                root = scanStage(plan, filter);
            }
            case "update", "delete" -> {
                String field = name.equals("update") ? "updates" : "deletes";
                BsonValue first = new Arguments(explained).array(field).get(0);
                filter = first.asDocument().getDocument("q", new BsonDocument());
                plan = plan(
                        collection,
                        filter,
                        new BsonDocument(),
                        first.asDocument().get("hint"));
                root = new BsonDocument("stage", new BsonString(name.toUpperCase()))
                        .append("inputStage", scanStage(plan, filter));
            }
            default ->
                throw new MongoServerException(
                        ErrorCode.COMMAND_NOT_SUPPORTED, "explain is not supported for command " + name);
        }
        Filter.parse(filter);
        BsonDocument queryPlanner = new BsonDocument("namespace", new BsonString(ns.full()))
                .append("indexFilterSet", BsonBoolean.FALSE)
                .append("parsedQuery", filter)
                .append("maxIndexedOrSolutionsReached", BsonBoolean.FALSE)
                .append("maxIndexedAndSolutionsReached", BsonBoolean.FALSE)
                .append("maxScansToExplodeReached", BsonBoolean.FALSE)
                .append("winningPlan", root)
                .append("rejectedPlans", new BsonArray());
        BsonDocument reply =
                new BsonDocument("explainVersion", new BsonString("1")).append("queryPlanner", queryPlanner);
        if (!verbosity.equals("queryPlanner") && find != null) {
            reply.append("executionStats", executionStats(find, collection, root));
        }
        BsonDocument echoed = command.clone();
        echoed.append("$db", new BsonString(request.database()));
        reply.append("command", echoed);
        reply.append(
                "serverInfo",
                new BsonDocument("host", new BsonString("wrongodb"))
                        .append("version", new BsonString(ServerVersion.MONGODB_VERSION)));
        return reply;
    }

    private static Plan plan(CollectionInfo collection, BsonDocument filter, BsonDocument sort, BsonValue hint) {
        return collection == null ? Plan.collectionScan(false) : Planner.plan(collection, filter, sort, hint);
    }

    private BsonDocument executionStats(FindRequest find, CollectionInfo collection, BsonDocument root) {
        long start = System.nanoTime();
        QueryRun run = find.run(collection);
        long returned = run.readAll(store.storage()).size();
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new BsonDocument("executionSuccess", BsonBoolean.TRUE)
                .append("nReturned", new BsonInt32((int) returned))
                .append("executionTimeMillis", new BsonInt32((int) millis))
                .append("totalKeysExamined", new BsonInt32((int) run.keysExamined()))
                .append("totalDocsExamined", new BsonInt32((int) run.documentsExamined()))
                .append("executionStages", withCounts(root.clone(), run, returned, millis, true));
    }

    /**
     * The stages of a run with MongoDB's per-stage figures where one engine scan knows them: {@code nReturned} of
     * the root, {@code keysExamined} of the index scan, {@code docsExamined} of the stage that reads documents, and
     * {@code executionTimeMillisEstimate} everywhere. The branches of an OR share one scan's counts, so they get none.
     */
    private static BsonDocument withCounts(BsonDocument stage, QueryRun run, long returned, long millis, boolean root) {
        String name = stage.getString("stage").getValue();
        BsonDocument counted = new BsonDocument("stage", stage.get("stage"));
        if (root) {
            counted.append("nReturned", new BsonInt32((int) returned));
        }
        counted.append("executionTimeMillisEstimate", new BsonInt32((int) millis));
        switch (name) {
            case "IXSCAN" -> counted.append("keysExamined", new BsonInt32((int) run.keysExamined()));
            case "IDHACK" ->
                counted.append("keysExamined", new BsonInt32((int) run.keysExamined()))
                        .append("docsExamined", new BsonInt32((int) run.documentsExamined()));
            case "FETCH", "COLLSCAN", "CLUSTERED_IXSCAN" ->
                counted.append("docsExamined", new BsonInt32((int) run.documentsExamined()));
            default -> {}
        }
        for (var field : stage.entrySet()) {
            if (field.getKey().equals("stage")) {
                continue;
            }
            if (field.getKey().equals("inputStage") && !name.equals("OR")) {
                counted.append("inputStage", withCounts(field.getValue().asDocument(), run, returned, millis, false));
            } else {
                counted.append(field.getKey(), field.getValue());
            }
        }
        return counted;
    }

    private static BsonDocument findStages(FindRequest find, Plan plan) {
        BsonDocument stage = scanStage(plan, find.filter.spec());
        if (find.comparator() != null && !plan.providesSort()) {
            stage = new BsonDocument("stage", new BsonString("SORT"))
                    .append("sortPattern", find.sortSpec)
                    .append("memLimit", new BsonInt64(104_857_600))
                    .append("type", new BsonString("simple"))
                    .append("inputStage", stage);
        }
        if (find.skip > 0) {
            stage = new BsonDocument("stage", new BsonString("SKIP"))
                    .append("skipAmount", new BsonInt64(find.skip))
                    .append("inputStage", stage);
        }
        if (find.limit > 0) {
            stage = new BsonDocument("stage", new BsonString("LIMIT"))
                    .append("limitAmount", new BsonInt64(find.limit))
                    .append("inputStage", stage);
        }
        if (!find.projectionSpec.isEmpty()) {
            stage = new BsonDocument("stage", new BsonString("PROJECTION_DEFAULT"))
                    .append("transformBy", find.projectionSpec)
                    .append("inputStage", stage);
        }
        return stage;
    }

    /** The leaf of the plan: COLLSCAN, IDHACK / CLUSTERED_IXSCAN on {@code _id}, or FETCH over IXSCAN. */
    private static BsonDocument scanStage(Plan plan, BsonDocument filter) {
        String direction = plan.reverse() ? "backward" : "forward";
        if (plan.isUnion()) {
            // MongoDB plans each $or branch on its own (SUBPLAN) and unions them (OR) under one FETCH.
            BsonArray inputs = new BsonArray();
            BsonArray branchFilters = filter.get("$or") instanceof BsonArray or ? or : new BsonArray();
            for (int i = 0; i < plan.branches().size(); i++) {
                BsonDocument branchFilter =
                        i < branchFilters.size() ? branchFilters.get(i).asDocument() : new BsonDocument();
                BsonDocument input = scanStage(plan.branches().get(i), branchFilter);
                inputs.add(
                        input.getString("stage").getValue().equals("FETCH") ? input.getDocument("inputStage") : input);
            }
            BsonDocument fetch = new BsonDocument("stage", new BsonString("FETCH"));
            if (!filter.isEmpty()) {
                fetch.append("filter", filter);
            }
            fetch.append("inputStage", new BsonDocument("stage", new BsonString("OR")).append("inputStages", inputs));
            return new BsonDocument("stage", new BsonString("SUBPLAN")).append("inputStage", fetch);
        }
        if (plan.isCollectionScan()) {
            BsonDocument scan = new BsonDocument("stage", new BsonString("COLLSCAN"));
            if (!filter.isEmpty()) {
                scan.append("filter", filter);
            }
            return scan.append("direction", new BsonString(direction));
        }
        IndexSpec index = plan.index();
        if (index.table() == null) {
            boolean point = plan.ranges().size() == 1 && plan.equalities() == 1 && filter.size() == 1;
            BsonDocument scan = new BsonDocument("stage", new BsonString(point ? "IDHACK" : "CLUSTERED_IXSCAN"));
            if (!point) {
                scan.append("filter", filter).append("direction", new BsonString(direction));
            }
            return scan;
        }
        BsonDocument ixscan = new BsonDocument("stage", new BsonString("IXSCAN"))
                .append("keyPattern", index.key())
                .append("indexName", new BsonString(index.name()))
                .append("isMultiKey", BsonBoolean.valueOf(index.multikey()))
                .append("isUnique", BsonBoolean.valueOf(index.unique()))
                .append("isSparse", BsonBoolean.valueOf(index.sparse()))
                .append("isPartial", BsonBoolean.valueOf(index.partialFilter() != null))
                .append("indexVersion", new BsonInt32(2))
                .append("direction", new BsonString(direction))
                .append("indexBounds", plan.bounds());
        BsonDocument fetch = new BsonDocument("stage", new BsonString("FETCH"));
        if (!filter.isEmpty()) {
            fetch.append("filter", filter);
        }
        return fetch.append("inputStage", ixscan);
    }
}
