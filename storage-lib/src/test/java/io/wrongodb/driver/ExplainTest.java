package io.wrongodb.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ExplainVerbosity;
import com.mongodb.MongoCommandException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code explain} of finds, through {@code find(...).explain(...)} and the raw command: which plan the planner
 * picks (COLLSCAN, FETCH over IXSCAN, IDHACK, a blocking SORT or none), the IXSCAN's index name, key pattern,
 * direction and bounds for equalities, ranges, {@code $in} and compound keys, hints by name, key pattern and
 * {@code $natural}, and the counts of {@code executionStats}, as MongoDB 7.0 reports them.
 */
class ExplainTest extends DriverTestBase {

    /** Ten documents: {@code _id} 0..9, {@code a} = {@code _id}, {@code b} = {@code _id % 3}, {@code s} a letter. */
    @BeforeEach
    void fill() {
        List<BsonDocument> docs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            docs.add(new BsonDocument("_id", new BsonInt32(i))
                    .append("a", new BsonInt32(i))
                    .append("b", new BsonInt32(i % 3))
                    .append("s", new BsonString(String.valueOf((char) ('a' + i)))));
        }
        collection("c").insertMany(docs);
    }

    private static BsonDocument winningPlan(FindIterable<BsonDocument> find) {
        return find.explain(BsonDocument.class, ExplainVerbosity.QUERY_PLANNER)
                .getDocument("queryPlanner")
                .getDocument("winningPlan");
    }

    private BsonDocument winningPlan(BsonDocument filter) {
        return winningPlan(collection("c").find(filter));
    }

    /** The IXSCAN under the FETCH at the root of {@code plan}. */
    private static BsonDocument indexScan(BsonDocument plan) {
        assertThat(plan.getString("stage").getValue()).isEqualTo("FETCH");
        BsonDocument scan = plan.getDocument("inputStage");
        assertThat(scan.getString("stage").getValue()).isEqualTo("IXSCAN");
        return scan;
    }

    private static BsonArray bounds(String... intervals) {
        BsonArray array = new BsonArray();
        for (String interval : intervals) {
            array.add(new BsonString(interval));
        }
        return array;
    }

    @Test
    void withoutAnIndexTheQueryIsACollectionScan() {
        BsonDocument plan = winningPlan(doc("{a: {$gt: 5}}"));
        assertThat(plan).isEqualTo(doc("{stage: 'COLLSCAN', filter: {a: {$gt: 5}}, direction: 'forward'}"));
        assertThat(winningPlan(doc("{}"))).isEqualTo(doc("{stage: 'COLLSCAN', direction: 'forward'}"));
    }

    @Test
    void explainReplyNamesTheNamespaceAndEchoesTheCommand() {
        BsonDocument reply = command("{explain: {find: 'c', filter: {a: {$eq: 1}}}, verbosity: 'queryPlanner'}");
        assertThat(reply.getString("explainVersion").getValue()).isEqualTo("1");
        BsonDocument planner = reply.getDocument("queryPlanner");
        assertThat(planner.getString("namespace").getValue()).isEqualTo("test.c");
        assertThat(planner.getDocument("parsedQuery")).isEqualTo(doc("{a: {$eq: 1}}"));
        assertThat(planner.getArray("rejectedPlans")).isEmpty();
        assertThat(reply.getDocument("command").getString("find").getValue()).isEqualTo("c");
        assertThat(reply.getDocument("command").getString("$db").getValue()).isEqualTo("test");
        assertThat(reply.containsKey("executionStats")).isFalse();
    }

    @Test
    void equalityOnAnIndexedFieldIsFetchOverIxscan() {
        collection("c").createIndex(doc("{a: 1}"));
        BsonDocument scan = indexScan(winningPlan(doc("{a: 5}")));
        assertThat(scan.getString("indexName").getValue()).isEqualTo("a_1");
        assertThat(scan.getDocument("keyPattern")).isEqualTo(doc("{a: 1}"));
        assertThat(scan.getString("direction").getValue()).isEqualTo("forward");
        assertThat(scan.getBoolean("isMultiKey").getValue()).isFalse();
        assertThat(scan.getBoolean("isUnique").getValue()).isFalse();
        assertThat(scan.getBoolean("isSparse").getValue()).isFalse();
        assertThat(scan.getBoolean("isPartial").getValue()).isFalse();
        assertThat(scan.getInt32("indexVersion").getValue()).isEqualTo(2);
        assertThat(scan.getDocument("indexBounds")).isEqualTo(new BsonDocument("a", bounds("[5, 5]")));
        BsonDocument strings = indexScan(winningPlan(doc("{a: 'x'}")));
        assertThat(strings.getDocument("indexBounds")).isEqualTo(new BsonDocument("a", bounds("[\"x\", \"x\"]")));
    }

    @Test
    void rangesBoundTheScanWithinTheirType() {
        collection("c").createIndex(doc("{a: 1}"));
        assertThat(indexScan(winningPlan(doc("{a: {$gt: 2, $lte: 7}}"))).getDocument("indexBounds"))
                .isEqualTo(new BsonDocument("a", bounds("(2, 7]")));
        assertThat(indexScan(winningPlan(doc("{a: {$gt: 2}}"))).getDocument("indexBounds"))
                .isEqualTo(new BsonDocument("a", bounds("(2, inf.0]")));
        assertThat(indexScan(winningPlan(doc("{a: {$lte: 7}}"))).getDocument("indexBounds"))
                .isEqualTo(new BsonDocument("a", bounds("[-inf.0, 7]")));
        assertThat(indexScan(winningPlan(doc("{a: {$gte: 'b', $lt: 'd'}}"))).getDocument("indexBounds"))
                .isEqualTo(new BsonDocument("a", bounds("[\"b\", \"d\")")));
        assertThat(indexScan(winningPlan(doc("{a: {$gte: 'b'}}"))).getDocument("indexBounds"))
                .isEqualTo(new BsonDocument("a", bounds("[\"b\", {})")));
        assertThat(indexScan(winningPlan(doc("{a: {$lt: 'd'}}"))).getDocument("indexBounds"))
                .isEqualTo(new BsonDocument("a", bounds("[\"\", \"d\")")));
    }

    @Test
    void inListsOnePointIntervalPerValueInIndexOrder() {
        collection("c").createIndex(doc("{a: 1}"));
        assertThat(indexScan(winningPlan(doc("{a: {$in: [7, 1, 3]}}"))).getDocument("indexBounds"))
                .isEqualTo(new BsonDocument("a", bounds("[1, 1]", "[3, 3]", "[7, 7]")));
    }

    @Test
    void descendingIndexListsBoundsInItsOwnOrder() {
        collection("c").createIndex(doc("{a: -1}"));
        BsonDocument scan = indexScan(winningPlan(doc("{a: {$gt: 2}}")));
        assertThat(scan.getString("indexName").getValue()).isEqualTo("a_-1");
        assertThat(scan.getString("direction").getValue()).isEqualTo("forward");
        assertThat(scan.getDocument("indexBounds")).isEqualTo(new BsonDocument("a", bounds("[inf.0, 2)")));
        assertThat(indexScan(winningPlan(doc("{a: {$in: [1, 3]}}"))).getDocument("indexBounds"))
                .isEqualTo(new BsonDocument("a", bounds("[3, 3]", "[1, 1]")));
    }

    @Test
    void compoundIndexTakesEqualityThenRange() {
        collection("c").createIndex(doc("{b: 1, a: 1}"));
        BsonDocument scan = indexScan(winningPlan(doc("{b: 1, a: {$gte: 4}}")));
        assertThat(scan.getString("indexName").getValue()).isEqualTo("b_1_a_1");
        assertThat(scan.getDocument("keyPattern")).isEqualTo(doc("{b: 1, a: 1}"));
        assertThat(scan.getDocument("indexBounds"))
                .isEqualTo(new BsonDocument("b", bounds("[1, 1]")).append("a", bounds("[4, inf.0]")));
        // a prefix alone leaves the later field unbounded
        assertThat(indexScan(winningPlan(doc("{b: 2}"))).getDocument("indexBounds"))
                .isEqualTo(new BsonDocument("b", bounds("[2, 2]")).append("a", bounds("[MinKey, MaxKey]")));
        assertThat(collection("c").find(doc("{b: 1, a: {$gte: 4}}")).into(new ArrayList<>()))
                .extracting(d -> d.getInt32("_id").getValue())
                .containsExactly(4, 7);
    }

    @Test
    void anIndexOnTheSortFieldProvidesTheSort() {
        collection("c").createIndex(doc("{a: 1}"));
        BsonDocument forward =
                winningPlan(collection("c").find(doc("{a: {$gt: 4}}")).sort(Sorts.ascending("a")));
        assertThat(forward.getString("stage").getValue()).isEqualTo("FETCH");
        assertThat(indexScan(forward).getString("direction").getValue()).isEqualTo("forward");
        BsonDocument backward =
                winningPlan(collection("c").find(doc("{a: {$gt: 4}}")).sort(Sorts.descending("a")));
        BsonDocument scan = indexScan(backward);
        assertThat(scan.getString("direction").getValue()).isEqualTo("backward");
        assertThat(scan.getDocument("indexBounds")).isEqualTo(new BsonDocument("a", bounds("[inf.0, 4)")));
        assertThat(collection("c")
                        .find(doc("{a: {$gt: 4}}"))
                        .sort(Sorts.descending("a"))
                        .into(new ArrayList<>()))
                .extracting(d -> d.getInt32("_id").getValue())
                .containsExactly(9, 8, 7, 6, 5);
        // with no filter, the index still gives the order
        BsonDocument whole = indexScan(winningPlan(collection("c").find().sort(Sorts.descending("a"))));
        assertThat(whole.getDocument("indexBounds")).isEqualTo(new BsonDocument("a", bounds("[MaxKey, MinKey]")));
    }

    @Test
    void aSortNoIndexGivesIsABlockingSortStage() {
        BsonDocument plan =
                winningPlan(collection("c").find(doc("{a: {$lt: 5}}")).sort(Sorts.descending("b")));
        assertThat(plan.getString("stage").getValue()).isEqualTo("SORT");
        assertThat(plan.getDocument("sortPattern")).isEqualTo(doc("{b: -1}"));
        assertThat(plan.getInt64("memLimit").getValue()).isEqualTo(104_857_600L);
        assertThat(plan.getString("type").getValue()).isEqualTo("simple");
        assertThat(plan.getDocument("inputStage").getString("stage").getValue()).isEqualTo("COLLSCAN");
        collection("c").createIndex(doc("{a: 1}"));
        BsonDocument indexed =
                winningPlan(collection("c").find(doc("{a: {$lt: 5}}")).sort(Sorts.descending("b")));
        assertThat(indexed.getString("stage").getValue()).isEqualTo("SORT");
        assertThat(indexScan(indexed.getDocument("inputStage"))
                        .getString("indexName")
                        .getValue())
                .isEqualTo("a_1");
    }

    @Test
    void hintByNameAndByKeyPatternChoosesThatIndex() {
        var c = collection("c");
        c.createIndex(doc("{a: 1}"));
        c.createIndex(doc("{b: 1}"));
        BsonDocument byName = indexScan(winningPlan(c.find(doc("{a: 3}")).hintString("b_1")));
        assertThat(byName.getString("indexName").getValue()).isEqualTo("b_1");
        assertThat(byName.getDocument("indexBounds")).isEqualTo(new BsonDocument("b", bounds("[MinKey, MaxKey]")));
        BsonDocument byKey = indexScan(winningPlan(c.find(doc("{a: 3, b: 0}")).hint(doc("{b: 1}"))));
        assertThat(byKey.getString("indexName").getValue()).isEqualTo("b_1");
        assertThat(byKey.getDocument("indexBounds")).isEqualTo(new BsonDocument("b", bounds("[0, 0]")));
        assertThat(c.find(doc("{a: 3}")).hintString("b_1").into(new ArrayList<>()))
                .containsExactly(doc("{_id: 3, a: 3, b: 0, s: 'd'}"));
    }

    @Test
    void naturalHintIsACollectionScan() {
        collection("c").createIndex(doc("{a: 1}"));
        BsonDocument plan = winningPlan(collection("c").find(doc("{a: 3}")).hint(doc("{$natural: 1}")));
        assertThat(plan.getString("stage").getValue()).isEqualTo("COLLSCAN");
        assertThat(plan.getString("direction").getValue()).isEqualTo("forward");
        BsonDocument reverse = winningPlan(collection("c").find(doc("{a: 3}")).hint(doc("{$natural: -1}")));
        assertThat(reverse.getString("direction").getValue()).isEqualTo("backward");
    }

    @Test
    void hintOfAMissingIndexIsBadValue() {
        assertThatThrownBy(() -> collection("c")
                        .find(doc("{a: 3}"))
                        .hint(doc("{nope: 1}"))
                        .first())
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(2);
                    assertThat(e.getErrorMessage()).contains("hint provided does not correspond to an existing index");
                });
    }

    @Test
    void equalityOnIdIsIdhack() {
        assertThat(winningPlan(doc("{_id: 3}"))).isEqualTo(doc("{stage: 'IDHACK'}"));
        BsonDocument reply =
                collection("c").find(doc("{_id: 3}")).explain(BsonDocument.class, ExplainVerbosity.EXECUTION_STATS);
        BsonDocument stats = reply.getDocument("executionStats");
        assertThat(stats.getBoolean("executionSuccess").getValue()).isTrue();
        assertThat(stats.getInt32("nReturned").getValue()).isEqualTo(1);
        assertThat(stats.getInt32("totalKeysExamined").getValue()).isEqualTo(1);
        assertThat(stats.getInt32("totalDocsExamined").getValue()).isEqualTo(1);
    }

    @Test
    void executionStatsOfACollectionScanCountEveryDocument() {
        BsonDocument stats = collection("c")
                .find(doc("{b: 1}"))
                .explain(BsonDocument.class, ExplainVerbosity.EXECUTION_STATS)
                .getDocument("executionStats");
        assertThat(stats.getInt32("nReturned").getValue()).isEqualTo(3);
        assertThat(stats.getInt32("totalKeysExamined").getValue()).isZero();
        assertThat(stats.getInt32("totalDocsExamined").getValue()).isEqualTo(10);
        assertThat(stats.getDocument("executionStages").getString("stage").getValue())
                .isEqualTo("COLLSCAN");
    }

    @Test
    void executionStatsOfAnIndexRangeCountOnlyTheKeysInRange() {
        // as in MongoDB's "Analyze Query Performance" tutorial: three keys in range, three documents
        collection("c").createIndex(doc("{a: 1}"));
        BsonDocument stats = collection("c")
                .find(doc("{a: {$gte: 3, $lte: 5}}"))
                .explain(BsonDocument.class, ExplainVerbosity.EXECUTION_STATS)
                .getDocument("executionStats");
        assertThat(stats.getInt32("nReturned").getValue()).isEqualTo(3);
        assertThat(stats.getInt32("totalKeysExamined").getValue()).isEqualTo(3);
        assertThat(stats.getInt32("totalDocsExamined").getValue()).isEqualTo(3);
        BsonDocument point = command("{explain: {find: 'c', filter: {a: 4}}, verbosity: 'executionStats'}")
                .getDocument("executionStats");
        assertThat(point.getInt32("nReturned").getValue()).isEqualTo(1);
        assertThat(point.getInt32("totalKeysExamined").getValue()).isEqualTo(1);
        assertThat(point.getInt32("totalDocsExamined").getValue()).isEqualTo(1);
    }

    @Test
    void executionStatsOfAnInCountTheKeysPastEachInterval() {
        // several intervals are scanned with bounds checks: a key past an interval is examined before the next seek
        collection("c").createIndex(doc("{a: 1}"));
        BsonDocument stats = collection("c")
                .find(doc("{a: {$in: [1, 2, 5]}}"))
                .explain(BsonDocument.class, ExplainVerbosity.EXECUTION_STATS)
                .getDocument("executionStats");
        // 1, 2 (in the next interval), 3 (past it: seek to 5), 5, 6 (past the last)
        assertThat(stats.getInt32("nReturned").getValue()).isEqualTo(3);
        assertThat(stats.getInt32("totalKeysExamined").getValue()).isEqualTo(5);
        assertThat(stats.getInt32("totalDocsExamined").getValue()).isEqualTo(3);
    }

    @Test
    void executionStatsDocumentsExaminedIncludeThoseTheFilterRejects() {
        collection("c").createIndex(doc("{b: 1}"));
        BsonDocument stats = collection("c")
                .find(doc("{b: 0, a: {$gt: 4}}"))
                .explain(BsonDocument.class, ExplainVerbosity.EXECUTION_STATS)
                .getDocument("executionStats");
        // b = 0 holds 0, 3, 6, 9; only 6 and 9 have a > 4
        assertThat(stats.getInt32("nReturned").getValue()).isEqualTo(2);
        assertThat(stats.getInt32("totalKeysExamined").getValue()).isEqualTo(4);
        assertThat(stats.getInt32("totalDocsExamined").getValue()).isEqualTo(4);
    }

    @Test
    void anOrWhoseBranchesAllHaveIndexesIsAUnionOfIndexScans() {
        collection("c").createIndex(doc("{a: 1}"));
        collection("c").createIndex(doc("{s: 1}"));
        BsonDocument plan = winningPlan(doc("{$or: [{a: {$lt: 2}}, {s: 'j'}, {a: 1}]}"));
        assertThat(plan.getString("stage").getValue()).isEqualTo("SUBPLAN");
        BsonDocument fetch = plan.getDocument("inputStage");
        assertThat(fetch.getString("stage").getValue()).isEqualTo("FETCH");
        BsonDocument or = fetch.getDocument("inputStage");
        assertThat(or.getString("stage").getValue()).isEqualTo("OR");
        List<String> indexes = new ArrayList<>();
        for (var input : or.getArray("inputStages")) {
            assertThat(input.asDocument().getString("stage").getValue()).isEqualTo("IXSCAN");
            indexes.add(input.asDocument().getString("indexName").getValue());
        }
        assertThat(indexes).containsExactly("a_1", "s_1", "a_1");
        // each document once, though a: 1 matches two branches
        List<Integer> ids = new ArrayList<>();
        collection("c")
                .find(doc("{$or: [{a: {$lt: 2}}, {s: 'j'}, {a: 1}]}"))
                .batchSize(1)
                .forEach(d -> ids.add(d.getInt32("_id").getValue()));
        assertThat(ids).containsExactlyInAnyOrder(0, 1, 9);
        BsonDocument stats = collection("c")
                .find(doc("{$or: [{a: {$lt: 2}}, {s: 'j'}, {a: 1}]}"))
                .explain(BsonDocument.class, ExplainVerbosity.EXECUTION_STATS)
                .getDocument("executionStats");
        assertThat(stats.getInt32("nReturned").getValue()).isEqualTo(3);
        assertThat(stats.getInt32("totalKeysExamined").getValue()).isEqualTo(4);
    }

    @Test
    void anOrWithABranchNoIndexServesIsACollectionScan() {
        collection("c").createIndex(doc("{a: 1}"));
        BsonDocument plan = winningPlan(doc("{$or: [{a: 1}, {b: 2}]}"));
        assertThat(plan.getString("stage").getValue()).isEqualTo("COLLSCAN");
        assertThat(collection("c").countDocuments(doc("{$or: [{a: 1}, {b: 2}]}")))
                .isEqualTo(4);
    }

    @Test
    void executionStagesCarryTheirOwnCounts() {
        collection("c").createIndex(doc("{b: 1}"));
        BsonDocument stats = collection("c")
                .find(doc("{b: 0, a: {$gt: 4}}"))
                .explain(BsonDocument.class, ExplainVerbosity.EXECUTION_STATS)
                .getDocument("executionStats");
        BsonDocument fetch = stats.getDocument("executionStages");
        assertThat(fetch.getString("stage").getValue()).isEqualTo("FETCH");
        assertThat(fetch.getInt32("nReturned").getValue()).isEqualTo(2);
        assertThat(fetch.getInt32("docsExamined").getValue()).isEqualTo(4);
        BsonDocument ixscan = fetch.getDocument("inputStage");
        assertThat(ixscan.getString("stage").getValue()).isEqualTo("IXSCAN");
        assertThat(ixscan.getInt32("keysExamined").getValue()).isEqualTo(4);
        assertThat(ixscan.getString("indexName").getValue()).isEqualTo("b_1");
        BsonDocument scan = collection("c")
                .find(doc("{a: {$gte: 7}}"))
                .explain(BsonDocument.class, ExplainVerbosity.EXECUTION_STATS)
                .getDocument("executionStats")
                .getDocument("executionStages");
        assertThat(scan.getString("stage").getValue()).isEqualTo("COLLSCAN");
        assertThat(scan.getInt32("docsExamined").getValue()).isEqualTo(10);
        assertThat(scan.getInt32("nReturned").getValue()).isEqualTo(3);
    }

    @Test
    void aPartialIndexServesAFilterThatImpliesItsExpression() {
        collection("c")
                .createIndex(
                        doc("{b: 1, a: 1}"),
                        new com.mongodb.client.model.IndexOptions().partialFilterExpression(doc("{a: {$gt: 5}}")));
        BsonDocument used = winningPlan(doc("{b: 1, a: {$gte: 7}}"));
        assertThat(indexScan(used).getString("indexName").getValue()).isEqualTo("b_1_a_1");
        assertThat(indexScan(used).getBoolean("isPartial").getValue()).isTrue();
        assertThat(collection("c").find(doc("{b: 1, a: {$gte: 7}}")).into(new ArrayList<>()))
                .extracting(d -> d.getInt32("_id").getValue())
                .containsExactly(7);
        // {b: 1} alone could match documents with a <= 5, which the index does not hold
        assertThat(winningPlan(doc("{b: 1}")).getString("stage").getValue()).isEqualTo("COLLSCAN");
        assertThat(winningPlan(doc("{b: 1, a: {$gte: 5}}")).getString("stage").getValue())
                .isEqualTo("COLLSCAN");
        assertThat(collection("c").countDocuments(doc("{b: 1}"))).isEqualTo(3);
    }

    @Test
    void aSparseIndexServesAFilterThatCannotMatchAMissingField() {
        collection("c").insertOne(doc("{_id: 100, a: 100}"));
        collection("c").createIndex(doc("{t: 1}"), new com.mongodb.client.model.IndexOptions().sparse(true));
        collection("c").updateOne(doc("{_id: 100}"), doc("{$set: {t: 'x'}}"));
        BsonDocument used = winningPlan(doc("{t: 'x'}"));
        assertThat(indexScan(used).getBoolean("isSparse").getValue()).isTrue();
        assertThat(winningPlan(doc("{t: null}")).getString("stage").getValue()).isEqualTo("COLLSCAN");
        assertThat(collection("c").countDocuments(doc("{t: null}"))).isEqualTo(10);
    }
}
