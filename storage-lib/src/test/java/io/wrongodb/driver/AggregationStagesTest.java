package io.wrongodb.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

/**
 * The aggregation stages beyond the basic ones, through the official Java driver as MongoDB 7.0 answers them:
 * {@code $collStats} (what mongosh's {@code stats()} reads), {@code $replaceRoot $sortByCount $sample $bucket
 * $facet}, {@code $unwind} on a dotted path, {@code $lookup} and {@code $unionWith} across collections, {@code $out}
 * and {@code $merge} (their targets' indexes kept and maintained), database-level {@code $documents}, and
 * {@code explain: true}.
 */
class AggregationStagesTest extends DriverTestBase {

    private MongoCollection<BsonDocument> insert(String name, String... documents) {
        var c = collection(name);
        List<BsonDocument> docs = new ArrayList<>();
        for (String d : documents) {
            docs.add(doc(d));
        }
        c.insertMany(docs);
        return c;
    }

    private static List<BsonDocument> aggregate(MongoCollection<BsonDocument> c, String pipeline) {
        List<BsonDocument> stages = new ArrayList<>();
        for (BsonValue stage : BsonArray.parse(pipeline)) {
            stages.add(stage.asDocument());
        }
        return c.aggregate(stages).into(new ArrayList<>());
    }

    private MongoCommandException failure(String collectionName, String pipeline) {
        return catchThrowableOfType(
                () -> command("{aggregate: '" + collectionName + "', pipeline: " + pipeline + ", cursor: {}}"),
                MongoCommandException.class);
    }

    private List<BsonDocument> all(String name) {
        return collection(name).find().sort(doc("{_id: 1}")).into(new ArrayList<>());
    }

    private MongoCollection<BsonDocument> orders() {
        return insert(
                "orders",
                "{_id: 1, item: 'almonds', price: 12, quantity: 2, tags: ['nut']}",
                "{_id: 2, item: 'pecans', price: 20, quantity: 1, tags: ['nut', 'sweet']}",
                "{_id: 3, item: ['almonds', 'bread'], price: 5, quantity: 10}",
                "{_id: 4}");
    }

    private void inventory() {
        insert(
                "inventory",
                "{_id: 1, sku: 'almonds', description: 'product 1', instock: 120}",
                "{_id: 2, sku: 'bread', description: 'product 2', instock: 80}",
                "{_id: 3, sku: 'cashews', description: 'product 3', instock: 60}",
                "{_id: 4, sku: 'pecans', description: 'product 4', instock: 70}",
                "{_id: 5, sku: null, description: 'Incomplete'}",
                "{_id: 6}");
    }

    // $collStats

    @Test
    void collStatsReportsWhatTheCollStatsCommandReports() {
        var c = insert("c", "{_id: 1, a: 'x'}", "{_id: 2, a: 'yy'}", "{_id: 3, a: 'zzz'}");
        c.createIndex(doc("{a: 1}"));
        List<BsonDocument> out = aggregate(c, "[{$collStats: {storageStats: {}, count: {}}}]");
        assertThat(out).hasSize(1);
        BsonDocument stats = out.get(0);
        assertThat(stats.getString("ns").getValue()).isEqualTo("test.c");
        assertThat(stats.isString("host")).isTrue();
        assertThat(stats.isDateTime("localTime")).isTrue();
        assertThat(stats.getNumber("count").longValue()).isEqualTo(3);
        BsonDocument storage = stats.getDocument("storageStats");
        BsonDocument collStats = command("{collStats: 'c'}");
        for (String field :
                List.of("size", "count", "avgObjSize", "storageSize", "nindexes", "totalIndexSize", "totalSize")) {
            assertThat(storage.getNumber(field).longValue())
                    .as(field)
                    .isEqualTo(collStats.getNumber(field).longValue());
        }
        assertThat(storage.getNumber("count").longValue()).isEqualTo(3);
        assertThat(storage.getNumber("size").longValue()).isPositive();
        assertThat(storage.getNumber("nindexes").intValue()).isEqualTo(2);
        assertThat(storage.getDocument("indexSizes").keySet()).containsExactly("_id_", "a_1");
        assertThat(storage.getArray("indexBuilds")).isEmpty();
        assertThat(storage.getNumber("freeStorageSize").longValue()).isZero();
        assertThat(storage.getNumber("scaleFactor").intValue()).isEqualTo(1);
        assertThat(storage.getNumber("totalSize").longValue())
                .isEqualTo(storage.getNumber("storageSize").longValue()
                        + storage.getNumber("totalIndexSize").longValue());
    }

    @Test
    void collStatsScalesSizesAsMongoshAsksForThem() {
        var c = collection("c");
        List<BsonDocument> docs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            docs.add(new BsonDocument("_id", new BsonInt32(i)).append("pad", new BsonString("x".repeat(100))));
        }
        c.insertMany(docs);
        BsonDocument bytes =
                aggregate(c, "[{$collStats: {storageStats: {}}}]").get(0).getDocument("storageStats");
        BsonDocument kilobytes = aggregate(c, "[{$collStats: {storageStats: {scale: 1024}}}]")
                .get(0)
                .getDocument("storageStats");
        assertThat(kilobytes.getNumber("size").longValue())
                .isEqualTo(bytes.getNumber("size").longValue() / 1024)
                .isPositive();
        assertThat(kilobytes.getNumber("scaleFactor").intValue()).isEqualTo(1024);
        assertThat(kilobytes.getNumber("count").longValue()).isEqualTo(200);
        assertThat(kilobytes.getNumber("avgObjSize").longValue())
                .isEqualTo(bytes.getNumber("avgObjSize").longValue());
        assertThat(aggregate(c, "[{$collStats: {count: {}}}]").get(0).containsKey("storageStats"))
                .isFalse();
    }

    @Test
    void collStatsErrors() {
        MongoCommandException missing = failure("none", "[{$collStats: {storageStats: {}}}]");
        assertThat(missing.getErrorCode()).isEqualTo(26);
        assertThat(missing.getErrorCodeName()).isEqualTo("NamespaceNotFound");
        assertThat(missing.getErrorMessage()).contains("Collection [test.none] not found");
        insert("c", "{_id: 1}");
        MongoCommandException notFirst = failure("c", "[{$match: {}}, {$limit: 1}, {$collStats: {}}]");
        assertThat(notFirst.getErrorCode()).isEqualTo(40602);
        assertThat(notFirst.getErrorCodeName()).isEqualTo("Location40602");
        assertThat(failure("c", "[{$collStats: {storageStats: {scale: 0}}}]").getErrorCode())
                .isEqualTo(51024);
        assertThat(failure("c", "[{$collStats: {nope: {}}}]").getErrorCode()).isEqualTo(40415);
        assertThat(failure("c", "[{$collStats: {latencyStats: {}}}]").getErrorCodeName())
                .isEqualTo("NotImplemented");
    }

    // stages over the input

    @Test
    void replaceRootSortByCountSampleAndBucket() {
        var c = insert(
                "c",
                "{_id: 1, who: {name: 'a', age: 5}, city: 'Oslo'}",
                "{_id: 2, who: {name: 'b', age: 25}, city: 'Rome'}",
                "{_id: 3, who: {name: 'c', age: 45}, city: 'Oslo'}");
        assertThat(aggregate(c, "[{$replaceRoot: {newRoot: '$who'}}, {$sort: {age: -1}}, {$limit: 1}]"))
                .containsExactly(doc("{name: 'c', age: 45}"));
        assertThat(aggregate(c, "[{$replaceWith: {n: '$who.name'}}, {$sort: {n: 1}}]"))
                .containsExactly(doc("{n: 'a'}"), doc("{n: 'b'}"), doc("{n: 'c'}"));
        assertThat(aggregate(c, "[{$sortByCount: '$city'}]"))
                .containsExactly(doc("{_id: 'Oslo', count: 2}"), doc("{_id: 'Rome', count: 1}"));
        List<BsonDocument> sample = aggregate(c, "[{$sample: {size: 2}}]");
        assertThat(sample).hasSize(2);
        assertThat(new HashSet<>(sample)).hasSize(2);
        assertThat(aggregate(
                        c,
                        "[{$bucket: {groupBy: '$who.age', boundaries: [0, 18, 40], default: 'older',"
                                + " output: {names: {$push: '$who.name'}}}}]"))
                .containsExactly(
                        doc("{_id: 0, names: ['a']}"),
                        doc("{_id: 18, names: ['b']}"),
                        doc("{_id: 'older', names: ['c']}"));
    }

    @Test
    void bucketAutoThroughTheDriver() {
        var c = insert("c", "{_id: 1, v: 10}", "{_id: 2, v: 20}", "{_id: 3, v: 30}", "{_id: 4, v: 40}");
        assertThat(aggregate(c, "[{$bucketAuto: {groupBy: '$v', buckets: 2, output: {sum: {$sum: '$v'}}}}]"))
                .containsExactly(doc("{_id: {min: 10, max: 30}, sum: 30}"), doc("{_id: {min: 30, max: 40}, sum: 70}"));
        assertThat(failure("c", "[{$bucketAuto: {groupBy: '$v', buckets: 2, granularity: 'R5'}}]")
                        .getErrorCodeName())
                .isEqualTo("NotImplemented");
    }

    @Test
    void errorsOfTheInMemoryStagesReachTheClientWithTheirCodes() {
        insert("c", "{_id: 1, a: 5, s: 'str'}");
        MongoCommandException notDocument = failure("c", "[{$replaceRoot: {newRoot: '$s'}}]");
        assertThat(notDocument.getErrorCode()).isEqualTo(40228);
        assertThat(notDocument.getErrorCodeName()).isEqualTo("Location40228");
        MongoCommandException outside = failure("c", "[{$bucket: {groupBy: '$a', boundaries: [10, 20]}}]");
        assertThat(outside.getErrorCode()).isEqualTo(40066);
        assertThat(outside.getErrorMessage()).contains("$switch could not find a matching branch");
        MongoCommandException inFacet = failure("c", "[{$facet: {a: [{$out: 'x'}]}}]");
        assertThat(inFacet.getErrorCode()).isEqualTo(40600);
        assertThat(inFacet.getErrorMessage()).isEqualTo("$out is not allowed to be used within a $facet stage");
        assertThat(failure("c", "[{$sample: {size: -1}}]").getErrorCode()).isEqualTo(28747);
        assertThat(failure("c", "[{$out: 'x'}, {$match: {}}]").getErrorCode()).isEqualTo(40601);
        assertThat(failure("c", "[{$noSuchStage: {}}]").getErrorCode()).isEqualTo(40324);
    }

    @Test
    void facetAndUnwindOnADottedPath() {
        var c = insert(
                "c",
                "{_id: 1, order: {lines: [{sku: 'a', n: 1}, {sku: 'b', n: 2}]}}",
                "{_id: 2, order: {lines: []}}",
                "{_id: 3, order: {lines: [{sku: 'a', n: 5}]}}");
        assertThat(aggregate(
                        c,
                        "[{$unwind: {path: '$order.lines', includeArrayIndex: 'i'}}, {$project: {i: 1,"
                                + " sku: '$order.lines.sku'}}]"))
                .containsExactly(
                        doc("{_id: 1, i: NumberLong(0), sku: 'a'}"),
                        doc("{_id: 1, i: NumberLong(1), sku: 'b'}"),
                        doc("{_id: 3, i: NumberLong(0), sku: 'a'}"));
        assertThat(aggregate(
                        c,
                        "[{$unwind: {path: '$order.lines', preserveNullAndEmptyArrays: true}},"
                                + " {$match: {_id: 2}}]"))
                .containsExactly(doc("{_id: 2, order: {}}"));
        assertThat(aggregate(
                        c,
                        "[{$unwind: '$order.lines'}, {$facet: {bySku: [{$sortByCount: '$order.lines.sku'}],"
                                + " total: [{$group: {_id: null, n: {$sum: '$order.lines.n'}}}]}}]"))
                .containsExactly(
                        doc("{bySku: [{_id: 'a', count: 2}, {_id: 'b', count: 1}], total: [{_id: null, n: 8}]}"));
    }

    // stages that read other collections

    @Test
    void lookupByEqualityJoinsArraysAndMissingValuesAsMongoDbDoes() {
        var orders = orders();
        inventory();
        List<BsonDocument> joined = aggregate(
                orders,
                "[{$lookup: {from: 'inventory', localField: 'item', foreignField: 'sku', as: 'inv'}},"
                        + " {$project: {ids: '$inv._id'}}, {$sort: {_id: 1}}]");
        assertThat(joined)
                .containsExactly(
                        doc("{_id: 1, ids: [1]}"),
                        doc("{_id: 2, ids: [4]}"),
                        doc("{_id: 3, ids: [1, 2]}"),
                        doc("{_id: 4, ids: [5, 6]}"));
        List<BsonDocument> none = aggregate(
                orders,
                "[{$match: {_id: 1}}, {$lookup: {from: 'nothere', localField: 'item', foreignField: 'sku',"
                        + " as: 'x.inv'}}]");
        assertThat(none.get(0).getDocument("x").getArray("inv")).isEmpty();
    }

    @Test
    void lookupMatchesAForeignArrayAndUsesTheForeignIndex() {
        insert("tags", "{_id: 'nut', kind: 'food'}", "{_id: 'sweet', kind: 'taste'}");
        var products = insert("products", "{_id: 1, name: 'pecans', tags: ['nut', 'sweet']}", "{_id: 2, tags: []}");
        products.createIndex(doc("{tags: 1}"));
        var tags = collection("tags");
        List<BsonDocument> out = aggregate(
                tags,
                "[{$lookup: {from: 'products', localField: '_id', foreignField: 'tags', as: 'p'}},"
                        + " {$project: {n: {$size: '$p'}}}]");
        assertThat(out).containsExactly(doc("{_id: 'nut', n: 1}"), doc("{_id: 'sweet', n: 1}"));
    }

    @Test
    void lookupWithLetAndPipelineAndTheCombinedForm() {
        var orders = orders();
        inventory();
        List<BsonDocument> withLet = aggregate(
                orders,
                "[{$match: {_id: {$in: [1, 2]}}}, {$lookup: {from: 'inventory', let: {want: '$item', q: '$quantity'},"
                        + " pipeline: [{$match: {$expr: {$and: [{$eq: ['$sku', '$$want']},"
                        + " {$gte: ['$instock', {$add: ['$$q', 100]}]}]}}}, {$project: {_id: 0, sku: 1}}],"
                        + " as: 'stock'}}, {$project: {stock: 1}}]");
        assertThat(withLet).containsExactly(doc("{_id: 1, stock: [{sku: 'almonds'}]}"), doc("{_id: 2, stock: []}"));
        List<BsonDocument> combined = aggregate(
                orders,
                "[{$match: {_id: 3}}, {$lookup: {from: 'inventory', localField: 'item', foreignField: 'sku',"
                        + " let: {min: 100}, pipeline: [{$match: {$expr: {$lt: ['$instock', '$$min']}}}],"
                        + " as: 'low'}}, {$project: {low: '$low.sku'}}]");
        assertThat(combined).containsExactly(doc("{_id: 3, low: ['bread']}"));
        List<BsonDocument> stats = aggregate(
                orders,
                "[{$match: {_id: 1}}, {$lookup: {from: 'inventory', pipeline: [{$collStats: {count: {}}}],"
                        + " as: 's'}}, {$project: {ns: '$s.ns', n: '$s.count'}}]");
        assertThat(stats).containsExactly(doc("{_id: 1, ns: ['test.inventory'], n: [NumberLong(6)]}"));
    }

    @Test
    void lookupErrors() {
        orders();
        MongoCommandException noAs = failure("orders", "[{$lookup: {from: 'x', localField: 'a', foreignField: 'b'}}]");
        assertThat(noAs.getErrorCode()).isEqualTo(9);
        assertThat(noAs.getErrorMessage()).isEqualTo("must specify 'as' field for a $lookup");
        assertThat(failure("orders", "[{$lookup: {from: 'x', localField: 'a', as: 'b'}}]")
                        .getErrorCodeName())
                .isEqualTo("FailedToParse");
        assertThat(failure("orders", "[{$lookup: {from: 'x', as: 'b', other: 1}}]")
                        .getErrorMessage())
                .isEqualTo("unknown argument to $lookup: other");
        assertThat(failure("orders", "[{$lookup: {from: 'x', as: 'b', pipeline: [{$out: 'y'}]}}]")
                        .getErrorCode())
                .isEqualTo(51047);
    }

    @Test
    void unionWithAppendsAnotherCollectionThroughItsPipeline() {
        var a = insert("a", "{_id: 1, v: 'a1'}", "{_id: 2, v: 'a2'}");
        insert("b", "{_id: 10, v: 'b1'}", "{_id: 11, v: 'b2'}", "{_id: 12, v: 'b3'}");
        assertThat(aggregate(a, "[{$unionWith: 'b'}, {$count: 'n'}]")).containsExactly(doc("{n: 5}"));
        assertThat(aggregate(
                        a,
                        "[{$match: {_id: 1}}, {$unionWith: {coll: 'b', pipeline: [{$match: {_id: {$gt: 10}}},"
                                + " {$project: {_id: 0, v: 1}}]}}]"))
                .containsExactly(doc("{_id: 1, v: 'a1'}"), doc("{v: 'b2'}"), doc("{v: 'b3'}"));
        assertThat(aggregate(a, "[{$unionWith: 'missing'}]")).hasSize(2);
        List<BsonDocument> stats = aggregate(
                a,
                "[{$collStats: {count: {}}}, {$unionWith: {coll: 'b', pipeline: [{$collStats: {count: {}}}]}},"
                        + " {$project: {_id: 0, ns: 1, count: 1}}]");
        assertThat(stats)
                .containsExactly(
                        doc("{ns: 'test.a', count: NumberLong(2)}"), doc("{ns: 'test.b', count: NumberLong(3)}"));
    }

    // stages that write

    @Test
    void outReplacesTheTargetKeepingAndMaintainingItsIndexes() throws Exception {
        var source = insert("src", "{_id: 1, k: 'a', n: 1}", "{_id: 2, k: 'b', n: 2}", "{_id: 3, k: 'c', n: 3}");
        var target = insert("dst", "{_id: 100, k: 'old'}");
        target.createIndex(doc("{k: 1}"), new IndexOptions().unique(true));
        BsonDocument reply =
                command("{aggregate: 'src', pipeline: [{$match: {n: {$gte: 2}}}, {$out: 'dst'}], cursor: {}}");
        assertThat(reply.getDocument("cursor").getArray("firstBatch")).isEmpty();
        assertThat(reply.getDocument("cursor").getNumber("id").longValue()).isZero();
        assertThat(all("dst")).containsExactly(doc("{_id: 2, k: 'b', n: 2}"), doc("{_id: 3, k: 'c', n: 3}"));
        List<String> indexes = new ArrayList<>();
        target.listIndexes(BsonDocument.class)
                .forEach(i -> indexes.add(i.getString("name").getValue()));
        assertThat(indexes).containsExactly("_id_", "k_1");
        assertThat(target.find(doc("{k: 'c'}")).hint(doc("{k: 1}")).into(new ArrayList<>()))
                .containsExactly(doc("{_id: 3, k: 'c', n: 3}"));
        MongoException duplicate =
                catchThrowableOfType(() -> target.insertOne(doc("{_id: 9, k: 'b'}")), MongoException.class);
        assertThat(duplicate.getCode()).isEqualTo(11000);
        List<String> names = db.listCollectionNames().into(new ArrayList<>());
        assertThat(names).containsExactlyInAnyOrder("src", "dst");
        assertThat(aggregate(source, "[{$sort: {_id: -1}}, {$limit: 1}, {$out: 'fresh'}]"))
                .containsExactly(doc("{_id: 3, k: 'c', n: 3}"));
        restart();
        assertThat(all("dst")).hasSize(2);
        assertThat(all("fresh")).containsExactly(doc("{_id: 3, k: 'c', n: 3}"));
    }

    @Test
    void outThatFailsLeavesTheTargetAsItWas() {
        insert("src", "{_id: 1, k: 'same'}", "{_id: 2, k: 'same'}");
        var target = insert("dst", "{_id: 100, k: 'old'}");
        target.createIndex(doc("{k: 1}"), new IndexOptions().unique(true));
        MongoCommandException e = failure("src", "[{$out: 'dst'}]");
        assertThat(e.getErrorCode()).isEqualTo(11000);
        assertThat(all("dst")).containsExactly(doc("{_id: 100, k: 'old'}"));
        assertThat(db.listCollectionNames().into(new ArrayList<>())).containsExactlyInAnyOrder("src", "dst");
        MongoCommandException twice = failure("src", "[{$project: {_id: 0}}, {$addFields: {_id: 1}}, {$out: 'x'}]");
        assertThat(twice.getErrorCode()).isEqualTo(11000);
        assertThat(db.listCollectionNames().into(new ArrayList<>())).doesNotContain("x");
    }

    @Test
    void mergeModesOnId() {
        var src = insert("src", "{_id: 1, a: 'new1', b: 'b1'}", "{_id: 2, a: 'new2'}");
        insert("dst", "{_id: 1, a: 'old1', c: 'c1'}", "{_id: 3, a: 'old3'}");
        BsonDocument reply = command("{aggregate: 'src', pipeline: [{$merge: {into: 'dst'}}], cursor: {}}");
        assertThat(reply.getDocument("cursor").getArray("firstBatch")).isEmpty();
        assertThat(all("dst"))
                .containsExactly(
                        doc("{_id: 1, a: 'new1', c: 'c1', b: 'b1'}"),
                        doc("{_id: 2, a: 'new2'}"),
                        doc("{_id: 3, a: 'old3'}"));

        collection("dst").drop();
        insert("dst", "{_id: 1, a: 'old1', c: 'c1'}");
        aggregate(src, "[{$merge: {into: 'dst', whenMatched: 'replace', whenNotMatched: 'discard'}}]");
        assertThat(all("dst")).containsExactly(doc("{_id: 1, a: 'new1', b: 'b1'}"));

        aggregate(src, "[{$set: {a: 'x'}}, {$merge: {into: 'dst', whenMatched: 'keepExisting'}}]");
        assertThat(all("dst")).containsExactly(doc("{_id: 1, a: 'new1', b: 'b1'}"), doc("{_id: 2, a: 'x'}"));

        MongoCommandException fail = failure("src", "[{$merge: {into: 'dst', whenMatched: 'fail'}}]");
        assertThat(fail.getErrorCode()).isEqualTo(11000);
        assertThat(fail.getErrorCodeName()).isEqualTo("DuplicateKey");

        collection("dst").deleteOne(doc("{_id: 2}"));
        MongoCommandException notMatched =
                failure("src", "[{$merge: {into: 'dst', whenMatched: 'merge', whenNotMatched: 'fail'}}]");
        assertThat(notMatched.getErrorCode()).isEqualTo(13113);
    }

    @Test
    void mergeOnOtherFieldsNeedsAUniqueIndexAndMaintainsTheTargetIndexes() {
        insert("src", "{_id: 1, sku: 'a', qty: 5}", "{_id: 2, sku: 'b', qty: 7}");
        var dst = insert("dst", "{_id: 50, sku: 'a', qty: 1, note: 'kept'}");
        MongoCommandException noIndex = failure("src", "[{$project: {_id: 0}}, {$merge: {into: 'dst', on: 'sku'}}]");
        assertThat(noIndex.getErrorCode()).isEqualTo(51183);
        assertThat(noIndex.getErrorMessage()).isEqualTo("Cannot find index to verify that join fields will be unique");
        dst.createIndex(doc("{sku: 1}"), new IndexOptions().unique(true));
        dst.createIndex(doc("{qty: 1}"));
        aggregate(collection("src"), "[{$project: {_id: 0}}, {$merge: {into: 'dst', on: ['sku']}}]");
        List<BsonDocument> after = dst.find().sort(doc("{sku: 1}")).into(new ArrayList<>());
        assertThat(after).hasSize(2);
        assertThat(after.get(0)).isEqualTo(doc("{_id: 50, sku: 'a', qty: 5, note: 'kept'}"));
        assertThat(after.get(1).getString("sku").getValue()).isEqualTo("b");
        assertThat(dst.find(doc("{qty: 5}")).hint(doc("{qty: 1}")).into(new ArrayList<>()))
                .extracting(d -> d.get("_id"))
                .containsExactly(new BsonInt32(50));
        assertThat(dst.find(doc("{qty: 1}")).hint(doc("{qty: 1}")).into(new ArrayList<>()))
                .isEmpty();
        MongoCommandException missingOn = failure("src", "[{$project: {sku: 0}}, {$merge: {into: 'dst', on: 'sku'}}]");
        assertThat(missingOn.getErrorCode()).isEqualTo(51132);
        MongoCommandException badMode = failure("src", "[{$merge: {into: 'dst', whenMatched: 'nope'}}]");
        assertThat(badMode.getErrorCodeName()).isEqualTo("BadValue");
    }

    // database-level aggregate and explain

    @Test
    void databaseLevelAggregateWithDocuments() {
        List<BsonDocument> pipeline = List.of(
                doc("{$documents: [{x: 1}, {x: 2}, {x: 3}]}"),
                doc("{$match: {x: {$gte: 2}}}"),
                doc("{$project: {y: {$multiply: ['$x', 10]}}}"));
        assertThat(db.aggregate(pipeline, BsonDocument.class).into(new ArrayList<>()))
                .containsExactly(doc("{y: 20}"), doc("{y: 30}"));
        BsonDocument reply = command("{aggregate: 1, pipeline: [{$documents: [{a: 1}]}], cursor: {}}");
        assertThat(reply.getDocument("cursor").getString("ns").getValue()).isEqualTo("test.$cmd.aggregate");
        MongoCommandException currentOp = catchThrowableOfType(
                () -> command("{aggregate: 1, pipeline: [{$listSessions: {}}], cursor: {}}"),
                MongoCommandException.class);
        assertThat(currentOp.getErrorCode()).isEqualTo(238);
        assertThat(currentOp.getErrorMessage()).contains("$listSessions");
        MongoCommandException match = catchThrowableOfType(
                () -> command("{aggregate: 1, pipeline: [{$match: {}}], cursor: {}}"), MongoCommandException.class);
        assertThat(match.getErrorCode()).isEqualTo(73);
        assertThat(match.getErrorMessage())
                .isEqualTo("{aggregate: 1} is not valid for '$match'; a collection is required.");
    }

    @Test
    void explainTrueGivesTheQueryPlannerOrTheStages() {
        var c = insert("c", "{_id: 1, a: 1}", "{_id: 2, a: 2}");
        c.createIndex(doc("{a: 1}"));
        BsonDocument onlyMatch = command("{aggregate: 'c', pipeline: [{$match: {a: 2}}], explain: true}");
        assertThat(onlyMatch.getString("explainVersion").getValue()).isEqualTo("1");
        BsonDocument winning = onlyMatch.getDocument("queryPlanner").getDocument("winningPlan");
        assertThat(winning.getString("stage").getValue()).isEqualTo("FETCH");
        assertThat(winning.getDocument("inputStage").getString("indexName").getValue())
                .isEqualTo("a_1");
        assertThat(onlyMatch.containsKey("stages")).isFalse();

        BsonDocument withStages = command(
                "{aggregate: 'c', pipeline: [{$match: {a: 2}}, {$group: {_id: '$a', n: {$sum: 1}}}, {$limit: 1}],"
                        + " explain: true}");
        BsonArray stages = withStages.getArray("stages");
        assertThat(stages).hasSize(3);
        BsonDocument cursor = stages.get(0).asDocument().getDocument("$cursor");
        assertThat(cursor.getDocument("queryPlanner").getString("namespace").getValue())
                .isEqualTo("test.c");
        assertThat(cursor.getDocument("queryPlanner")
                        .getDocument("winningPlan")
                        .getString("stage")
                        .getValue())
                .isEqualTo("FETCH");
        assertThat(stages.get(1).asDocument().containsKey("$group")).isTrue();
        assertThat(stages.get(2)).isEqualTo(doc("{$limit: 1}"));
        BsonDocument out = command("{aggregate: 'c', pipeline: [{$out: 'never'}], explain: true}");
        assertThat(out.getArray("stages")).hasSize(2);
        assertThat(db.listCollectionNames().into(new ArrayList<>())).doesNotContain("never");
    }

    @Test
    void theDriversExplainOfAnAggregateStillWorks() {
        var c = insert("c", "{_id: 1, a: 1}");
        BsonDocument plan = c.aggregate(List.of(doc("{$match: {a: 1}}"), doc("{$project: {a: 1}}")))
                .explain(BsonDocument.class);
        assertThat(plan.getString("explainVersion").getValue()).isEqualTo("1");
        assertThat(plan.getDocument("queryPlanner")
                        .getDocument("winningPlan")
                        .getString("stage")
                        .getValue())
                .isEqualTo("COLLSCAN");
    }
}
