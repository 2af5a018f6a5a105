package io.wrongodb.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/**
 * Find projections through the driver, as MongoDB 7.0 returns them: inclusion and exclusion, {@code _id}, dotted
 * paths through documents and arrays, {@code $slice}, {@code $elemMatch}, the positional {@code a.$} with a filter
 * on the array, and the errors the find command reports (31254, 31253, and 51246 for a positional projection whose
 * filter found no element).
 */
class ProjectionDriverTest extends DriverTestBase {

    private List<BsonDocument> find(MongoCollection<BsonDocument> c, String filter, String projection) {
        return c.find(doc(filter))
                .projection(doc(projection))
                .sort(doc("{_id: 1}"))
                .into(new ArrayList<>());
    }

    private MongoCollection<BsonDocument> inventory() {
        return insertIntoC(
                "{_id: 1, item: 'journal', status: 'A', size: {h: 14, w: 21, uom: 'cm'},"
                        + " instock: [{warehouse: 'A', qty: 5}, {warehouse: 'C', qty: 15}]}",
                "{_id: 2, item: 'notebook', status: 'A', size: {h: 8.5, w: 11, uom: 'in'},"
                        + " instock: [{warehouse: 'C', qty: 5}]}",
                "{_id: 3, item: 'paper', status: 'D', size: {h: 8.5, w: 11, uom: 'in'},"
                        + " instock: [{warehouse: 'A', qty: 60}]}");
    }

    @Test
    void inclusionKeepsIdAndTheNamedFieldsInDocumentOrder() {
        var c = inventory();
        List<BsonDocument> found = find(c, "{status: 'A'}", "{status: 1, item: 1}");
        assertThat(found)
                .containsExactly(
                        doc("{_id: 1, item: 'journal', status: 'A'}"), doc("{_id: 2, item: 'notebook', status: 'A'}"));
        // The document's field order, not the projection's.
        assertThat(List.copyOf(found.get(0).keySet())).containsExactly("_id", "item", "status");
        // A named field a document lacks is simply absent; true and non-zero numbers include too.
        assertThat(find(c, "{_id: 3}", "{item: true, nothing: 1, status: 2.5}"))
                .containsExactly(doc("{_id: 3, item: 'paper', status: 'D'}"));
    }

    @Test
    void idCanBeExcludedFromAnInclusionOrIncludedAlone() {
        var c = inventory();
        assertThat(find(c, "{_id: 2}", "{item: 1, _id: 0}")).containsExactly(doc("{item: 'notebook'}"));
        assertThat(find(c, "{_id: 2}", "{_id: 1}")).containsExactly(doc("{_id: 2}"));
        assertThat(find(c, "{_id: 2}", "{_id: 0}"))
                .containsExactly(doc("{item: 'notebook', status: 'A', size: {h: 8.5, w: 11, uom: 'in'},"
                        + " instock: [{warehouse: 'C', qty: 5}]}"));
    }

    @Test
    void exclusionDropsTheNamedFields() {
        var c = inventory();
        assertThat(find(c, "{_id: 1}", "{status: 0, instock: 0}"))
                .containsExactly(doc("{_id: 1, item: 'journal', size: {h: 14, w: 21, uom: 'cm'}}"));
        assertThat(find(c, "{_id: 1}", "{status: false, instock: 0, _id: 0, size: 0}"))
                .containsExactly(doc("{item: 'journal'}"));
    }

    @Test
    void dottedPathsIncludeAndExcludeEmbeddedFields() {
        var c = inventory();
        assertThat(find(c, "{_id: 1}", "{item: 1, 'size.uom': 1}"))
                .containsExactly(doc("{_id: 1, item: 'journal', size: {uom: 'cm'}}"));
        // The embedded-document form means the same.
        assertThat(find(c, "{_id: 1}", "{item: 1, size: {uom: 1}}"))
                .containsExactly(doc("{_id: 1, item: 'journal', size: {uom: 'cm'}}"));
        assertThat(find(c, "{_id: 1}", "{'size.uom': 0, instock: 0}"))
                .containsExactly(doc("{_id: 1, item: 'journal', status: 'A', size: {h: 14, w: 21}}"));
    }

    @Test
    void dottedPathsApplyToEachDocumentInAnArray() {
        var c = inventory();
        assertThat(find(c, "{status: 'A'}", "{item: 1, 'instock.qty': 1}"))
                .containsExactly(
                        doc("{_id: 1, item: 'journal', instock: [{qty: 5}, {qty: 15}]}"),
                        doc("{_id: 2, item: 'notebook', instock: [{qty: 5}]}"));
        // An inclusion drops array elements that are not documents and keeps documents without the field, empty.
        var mixed = collection("mixed");
        mixed.insertOne(doc("{_id: 1, a: [{b: 1, c: 2}, 5, {c: 3}, [{b: 4}]], d: 1}"));
        assertThat(mixed.find().projection(doc("{'a.b': 1}")).first())
                .isEqualTo(doc("{_id: 1, a: [{b: 1}, {}, [{b: 4}]]}"));
        // An exclusion keeps everything but the named field.
        assertThat(mixed.find().projection(doc("{'a.b': 0}")).first())
                .isEqualTo(doc("{_id: 1, a: [{c: 2}, 5, {c: 3}, [{}]], d: 1}"));
    }

    private MongoCollection<BsonDocument> posts() {
        return insertIntoC("{_id: 1, title: 'post', comments: [1, 2, 3, 4, 5], views: 10}", "{_id: 2, title: 'none'}");
    }

    @Test
    void sliceTakesTheFirstOrLastElements() {
        var c = posts();
        // With no other field, $slice leaves the rest of the document as it is.
        assertThat(find(c, "{_id: 1}", "{comments: {$slice: 2}}"))
                .containsExactly(doc("{_id: 1, title: 'post', comments: [1, 2], views: 10}"));
        assertThat(find(c, "{_id: 1}", "{comments: {$slice: -2}}"))
                .containsExactly(doc("{_id: 1, title: 'post', comments: [4, 5], views: 10}"));
        assertThat(find(c, "{_id: 1}", "{comments: {$slice: 10}}"))
                .containsExactly(doc("{_id: 1, title: 'post', comments: [1, 2, 3, 4, 5], views: 10}"));
        assertThat(find(c, "{_id: 1}", "{comments: {$slice: 0}}"))
                .containsExactly(doc("{_id: 1, title: 'post', comments: [], views: 10}"));
        // A document without the array is returned unchanged.
        assertThat(find(c, "{_id: 2}", "{comments: {$slice: 2}}")).containsExactly(doc("{_id: 2, title: 'none'}"));
    }

    @Test
    void sliceWithSkipAndLimit() {
        var c = posts();
        assertThat(find(c, "{_id: 1}", "{comments: {$slice: [1, 2]}}"))
                .containsExactly(doc("{_id: 1, title: 'post', comments: [2, 3], views: 10}"));
        assertThat(find(c, "{_id: 1}", "{comments: {$slice: [-2, 1]}}"))
                .containsExactly(doc("{_id: 1, title: 'post', comments: [4], views: 10}"));
        assertThat(find(c, "{_id: 1}", "{comments: {$slice: [-10, 2]}}"))
                .containsExactly(doc("{_id: 1, title: 'post', comments: [1, 2], views: 10}"));
        assertThat(find(c, "{_id: 1}", "{comments: {$slice: [7, 2]}}"))
                .containsExactly(doc("{_id: 1, title: 'post', comments: [], views: 10}"));
    }

    @Test
    void sliceWithAnInclusionOrExclusion() {
        var c = posts();
        assertThat(find(c, "{_id: 1}", "{comments: {$slice: 1}, title: 1}"))
                .containsExactly(doc("{_id: 1, title: 'post', comments: [1]}"));
        assertThat(find(c, "{_id: 1}", "{comments: {$slice: -1}, views: 0}"))
                .containsExactly(doc("{_id: 1, title: 'post', comments: [5]}"));
    }

    private MongoCollection<BsonDocument> schools() {
        return insertIntoC(
                "{_id: 1, zipcode: '63109', students: [{name: 'john', school: 102, age: 10},"
                        + " {name: 'jess', school: 102, age: 11}, {name: 'jeff', school: 108, age: 15}]}",
                "{_id: 2, zipcode: '63110', students: [{name: 'ajax', school: 100, age: 7},"
                        + " {name: 'achilles', school: 100, age: 8}]}",
                "{_id: 3, zipcode: '63109', students: [{name: 'ajax', school: 100, age: 7},"
                        + " {name: 'achilles', school: 100, age: 8}]}",
                "{_id: 4, zipcode: '63109', students: [{name: 'barney', school: 102, age: 7},"
                        + " {name: 'ruth', school: 102, age: 16}]}");
    }

    @Test
    void elemMatchProjectsTheFirstMatchingElement() {
        var c = schools();
        assertThat(find(c, "{zipcode: '63109'}", "{students: {$elemMatch: {school: 102}}}"))
                .containsExactly(
                        doc("{_id: 1, students: [{name: 'john', school: 102, age: 10}]}"),
                        doc("{_id: 3}"),
                        doc("{_id: 4, students: [{name: 'barney', school: 102, age: 7}]}"));
        assertThat(find(c, "{zipcode: '63109'}", "{students: {$elemMatch: {school: 102, age: {$gt: 10}}}}"))
                .containsExactly(
                        doc("{_id: 1, students: [{name: 'jess', school: 102, age: 11}]}"),
                        doc("{_id: 3}"),
                        doc("{_id: 4, students: [{name: 'ruth', school: 102, age: 16}]}"));
    }

    @Test
    void elemMatchFieldComesAfterTheIncludedFields() {
        var c = collection("players");
        c.insertOne(doc("{_id: 1, name: 'player1', games: [{game: 'abc', score: 8}, {game: 'xyz', score: 5}],"
                + " joined: {$date: '2020-01-01T00:00:00Z'}, lastLogin: {$date: '2020-05-01T00:00:00Z'}}"));
        BsonDocument found = c.find()
                .projection(doc("{games: {$elemMatch: {score: {$gt: 5}}}, joined: 1, lastLogin: 1}"))
                .first();
        assertThat(found)
                .isEqualTo(doc("{_id: 1, joined: {$date: '2020-01-01T00:00:00Z'},"
                        + " lastLogin: {$date: '2020-05-01T00:00:00Z'}, games: [{game: 'abc', score: 8}]}"));
        assertThat(List.copyOf(found.keySet())).containsExactly("_id", "joined", "lastLogin", "games");
    }

    @Test
    void elemMatchOnValues() {
        var c = insertIntoC("{_id: 1, scores: [70, 87, 90], name: 'a'}");
        assertThat(find(c, "{}", "{scores: {$elemMatch: {$gte: 85}}, _id: 0}")).containsExactly(doc("{scores: [87]}"));
    }

    private MongoCollection<BsonDocument> grades() {
        return insertIntoC(
                "{_id: 1, semester: 1, grades: [70, 87, 90]}",
                "{_id: 2, semester: 1, grades: [90, 88, 92]}",
                "{_id: 3, semester: 1, grades: [85, 100, 90]}",
                "{_id: 4, semester: 2, grades: [79, 85, 80]}",
                "{_id: 5, semester: 2, grades: [88, 88, 92]}",
                "{_id: 6, semester: 2, grades: [95, 90, 96]}");
    }

    @Test
    void positionalProjectsTheElementTheFilterMatched() {
        var c = grades();
        assertThat(find(c, "{semester: 1, grades: {$gte: 85}}", "{'grades.$': 1}"))
                .containsExactly(
                        doc("{_id: 1, grades: [87]}"),
                        doc("{_id: 2, grades: [90]}"),
                        doc("{_id: 3, grades:" + " [85]}"));
        assertThat(find(c, "{semester: 2, grades: {$lt: 80}}", "{'grades.$': 1, semester: 1}"))
                .containsExactly(doc("{_id: 4, semester: 2, grades: [79]}"));
    }

    @Test
    void positionalOnAnArrayOfDocuments() {
        var c = insertIntoC(
                "{_id: 7, grades: [{grade: 80, mean: 75, std: 8}, {grade: 85, mean: 90, std: 5},"
                        + " {grade: 90, mean: 85, std: 3}]}",
                "{_id: 8, grades: [{grade: 90, mean: 75, std: 8}, {grade: 87, mean: 90, std: 6},"
                        + " {grade: 85, mean: 85, std: 3}]}");
        assertThat(find(c, "{'grades.mean': {$gt: 80}}", "{'grades.$': 1}"))
                .containsExactly(
                        doc("{_id: 7, grades: [{grade: 85, mean: 90, std: 5}]}"),
                        doc("{_id: 8, grades: [{grade: 87, mean: 90, std: 6}]}"));
        assertThat(find(c, "{grades: {$elemMatch: {mean: {$gt: 70}, grade: {$gt: 88}}}}", "{'grades.$': 1}"))
                .containsExactly(
                        doc("{_id: 7, grades: [{grade: 90, mean: 85, std: 3}]}"),
                        doc("{_id: 8, grades: [{grade: 90, mean: 75, std: 8}]}"));
    }

    @Test
    void positionalWithoutAConditionOnTheArrayIsAnExecutorError() {
        var c = grades();
        assertThatThrownBy(() -> find(c, "{}", "{'grades.$': 1}"))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(51246);
                    assertThat(e.getErrorCodeName()).isEqualTo("Location51246");
                    assertThat(e.getErrorMessage())
                            .isEqualTo("Executor error during find command :: caused by :: positional operator '.$'"
                                    + " couldn't find a matching element in the array");
                });
        assertThatThrownBy(() -> find(c, "{semester: 1}", "{'grades.$': 1}"))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> assertThat(e.getErrorCode())
                        .isEqualTo(51246));
    }

    @Test
    void mixingInclusionAndExclusionIsRejected() {
        var c = inventory();
        assertThatThrownBy(() -> find(c, "{}", "{item: 1, status: 0}"))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(31254);
                    assertThat(e.getErrorCodeName()).isEqualTo("Location31254");
                    assertThat(e.getErrorMessage())
                            .isEqualTo("Cannot do exclusion on field status in inclusion projection");
                });
        assertThatThrownBy(() -> find(c, "{}", "{item: 0, 'size.uom': 1}"))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(31253);
                    assertThat(e.getErrorCodeName()).isEqualTo("Location31253");
                    assertThat(e.getErrorMessage())
                            .isEqualTo("Cannot do inclusion on field size.uom in exclusion projection");
                });
        // _id is the one field either kind may name.
        assertThat(find(c, "{_id: 1}", "{_id: 0, item: 1}")).containsExactly(doc("{item: 'journal'}"));
        assertThat(find(c, "{_id: 1}", "{_id: 1, item: 0, size: 0, instock: 0}"))
                .containsExactly(doc("{_id: 1, status: 'A'}"));
    }

    @Test
    void computedFieldsAreAggregationExpressionsAsSinceMongoDB44() {
        var c = insertIntoC("{_id: 1, price: 10, qty: 3, item: {name: 'pen'}}");
        BsonDocument found = c.find()
                .projection(doc("{_id: 0, name: '$item.name', total: {$multiply: ['$price', '$qty']}, gone: '$nope'}"))
                .first();
        assertThat(found).isEqualTo(doc("{name: 'pen', total: 30}"));
    }
}
