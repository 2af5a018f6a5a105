package io.wrongodb.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Read-only views as MongoDB 7.0 has them: {@code create} with {@code viewOn} and {@code pipeline}, listed by
 * listCollections as {@code type: "view"}, read by find, count, distinct and aggregate (and {@code $lookup}) as the
 * pipeline over the source, stacked views, writes refused with 166, kept across a restart, dropped by drop.
 */
class ViewsTest extends DriverTestBase {

    @BeforeEach
    void ordersAndAView() {
        collection("orders")
                .insertMany(List.of(
                        doc("{_id: 1, item: 'pen', qty: 5, status: 'A'}"),
                        doc("{_id: 2, item: 'ink', qty: 0, status: 'B'}"),
                        doc("{_id: 3, item: 'pad', qty: 12, status: 'A'}"),
                        doc("{_id: 4, item: 'pen', qty: 7, status: 'A'}")));
        db.createView(
                "active",
                "orders",
                List.of(
                        doc("{$match: {status: 'A'}}"),
                        doc("{$project: {item: 1, qty: 1, double: {$multiply: ['$qty', 2]}}}")));
    }

    private List<BsonDocument> find(BsonDocument filter) {
        return collection("active").find(filter).sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }

    @Test
    void aViewReadsAsItsPipelineOverTheSource() {
        assertThat(find(new BsonDocument()))
                .containsExactly(
                        doc("{_id: 1, item: 'pen', qty: 5, double: 10}"),
                        doc("{_id: 3, item: 'pad', qty: 12, double: 24}"),
                        doc("{_id: 4, item: 'pen', qty: 7, double: 14}"));
        assertThat(find(doc("{double: {$gt: 12}}")))
                .extracting(d -> d.getInt32("_id").getValue())
                .containsExactly(3, 4);
        List<BsonDocument> shaped = collection("active")
                .find(Filters.eq("item", "pen"))
                .projection(doc("{_id: 0, qty: 1}"))
                .sort(Sorts.descending("qty"))
                .skip(0)
                .limit(1)
                .into(new ArrayList<>());
        assertThat(shaped).containsExactly(doc("{qty: 7}"));
        assertThat(collection("active").countDocuments()).isEqualTo(3);
        assertThat(command("{count: 'active', query: {item: 'pen'}}")
                        .getInt32("n")
                        .getValue())
                .isEqualTo(2);
        assertThat(collection("active").distinct("item", String.class).into(new ArrayList<>()))
                .containsExactly("pad", "pen");
        assertThat(collection("active")
                        .aggregate(List.of(doc("{$group: {_id: null, total: {$sum: '$qty'}}}")))
                        .first()
                        .getInt32("total")
                        .getValue())
                .isEqualTo(24);
    }

    @Test
    void aViewSeesWritesToItsSourceAndBatchesThroughGetMore() {
        collection("orders").insertOne(doc("{_id: 5, item: 'cap', qty: 1, status: 'A'}"));
        List<Integer> ids = new ArrayList<>();
        collection("active")
                .find()
                .batchSize(1)
                .forEach(d -> ids.add(d.getInt32("_id").getValue()));
        assertThat(ids).containsExactlyInAnyOrder(1, 3, 4, 5);
    }

    @Test
    void viewsStackAndLookupReadsThroughThem() {
        db.createView("bigActive", "active", List.of(doc("{$match: {qty: {$gt: 6}}}")));
        assertThat(collection("bigActive").find().into(new ArrayList<>()))
                .extracting(d -> d.getInt32("_id").getValue())
                .containsExactlyInAnyOrder(3, 4);
        collection("items").insertOne(doc("{_id: 'pen'}"));
        BsonDocument joined = collection("items")
                .aggregate(
                        List.of(doc("{$lookup: {from: 'active', localField: '_id', foreignField: 'item', as: 'o'}}")))
                .first();
        assertThat(joined.getArray("o")).hasSize(2);
    }

    @Test
    void listCollectionsShowsTheViewAndItSurvivesARestart() throws Exception {
        restart();
        BsonDocument view = db.listCollections(BsonDocument.class)
                .filter(Filters.eq("name", "active"))
                .first();
        assertThat(view.getString("type").getValue()).isEqualTo("view");
        assertThat(view.getDocument("options").getString("viewOn").getValue()).isEqualTo("orders");
        assertThat(view.getDocument("options").getArray("pipeline")).hasSize(2);
        assertThat(view.getDocument("info").getBoolean("readOnly").getValue()).isTrue();
        assertThat(collection("active").countDocuments()).isEqualTo(3);
        assertThat(db.listCollectionNames().into(new ArrayList<>())).containsExactly("active", "orders");
    }

    @Test
    void writesToAViewAreRefusedWith166AndCreateOverItIs48() {
        assertThatThrownBy(() -> collection("active").insertOne(doc("{_id: 9}")))
                .isInstanceOfSatisfying(
                        MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(166));
        assertThatThrownBy(() -> collection("active").updateOne(doc("{_id: 1}"), doc("{$set: {qty: 0}}")))
                .isInstanceOfSatisfying(
                        MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(166));
        assertThatThrownBy(() -> collection("active").deleteMany(new BsonDocument()))
                .isInstanceOfSatisfying(
                        MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(166));
        assertCommandError("{createIndexes: 'active', indexes: [{key: {qty: 1}, name: 'q'}]}", 166);
        assertCommandError("{findAndModify: 'active', query: {}, remove: true}", 166);
        assertCommandError("{collStats: 'active'}", 166);
        assertCommandError("{aggregate: 'orders', pipeline: [{$out: 'active'}], cursor: {}}", 166);
        assertCommandError("{aggregate: 'orders', pipeline: [{$merge: {into: 'active'}}], cursor: {}}", 166);
        assertThat(db.listCollectionNames().into(new ArrayList<>())).containsExactly("active", "orders");
        assertCommandError("{validate: 'active'}", 166);
        assertCommandError("{collMod: 'active', viewOn: 'orders', pipeline: []}", 238);
        assertThat(command("{collMod: 'active'}").getDouble("ok").getValue()).isEqualTo(1.0);
        assertCommandError("{create: 'active'}", 48);
        assertCommandError("{create: 'orders', viewOn: 'x'}", 48);
        assertCommandError("{create: 'v2', viewOn: 1}", 14);
        assertCommandError("{create: 'v2', viewOn: 'orders', pipeline: [{$out: 'x'}]}", 157);
        assertCommandError("{create: 'v2', viewOn: 'orders', pipeline: [{$nope: 1}]}", 40324);
        assertThat(collection("orders").countDocuments()).isEqualTo(4);
    }

    @Test
    void aCycleOfViewsIsViewDepthLimitExceeded() {
        db.createView("a", "b", List.of());
        db.createView("b", "a", List.of());
        assertCommandError("{find: 'a'}", 150);
    }

    @Test
    void dropRemovesTheViewAndLeavesTheSource() {
        collection("active").drop();
        assertThat(db.listCollectionNames().into(new ArrayList<>())).containsExactly("orders");
        assertThat(collection("orders").countDocuments()).isEqualTo(4);
        db.createView("active", "orders", List.of());
        command("{dropDatabase: 1}");
        assertThat(db.listCollectionNames().into(new ArrayList<>())).isEmpty();
    }

    private void assertCommandError(String command, int code) {
        assertThatThrownBy(() -> command(command))
                .isInstanceOfSatisfying(
                        MongoCommandException.class,
                        e -> assertThat(e.getErrorCode()).as(command).isEqualTo(code));
    }
}
