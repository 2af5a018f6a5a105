package io.wrongodb.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.CountOptions;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

/**
 * countDocuments (an aggregation in the driver), estimatedDocumentCount and the count command, distinct, and
 * aggregate with $match, $group and its accumulators ($sum $avg $min $max $push $addToSet $first $last), $sort,
 * $skip, $limit, $project, $addFields, $unwind and $count, as MongoDB 7.0 answers them through the driver.
 */
class CountDistinctAggregateTest extends DriverTestBase {

    private MongoCollection<BsonDocument> insert(String name, String... documents) {
        var c = collection(name);
        List<BsonDocument> docs = new ArrayList<>();
        for (String d : documents) {
            docs.add(doc(d));
        }
        c.insertMany(docs);
        return c;
    }

    /** The sales collection of MongoDB's $group examples, with plain numbers. */
    private MongoCollection<BsonDocument> sales() {
        return insert(
                "sales",
                "{_id: 1, item: 'abc', price: 10, quantity: 2, date: {$date: '2014-03-01T08:00:00Z'}}",
                "{_id: 2, item: 'jkl', price: 20, quantity: 1, date: {$date: '2014-03-01T09:00:00Z'}}",
                "{_id: 3, item: 'xyz', price: 5, quantity: 10, date: {$date: '2014-03-15T09:00:00Z'}}",
                "{_id: 4, item: 'xyz', price: 5, quantity: 20, date: {$date: '2014-04-04T11:21:39.736Z'}}",
                "{_id: 5, item: 'abc', price: 10, quantity: 10, date: {$date: '2014-04-04T21:23:13.331Z'}}",
                "{_id: 6, item: 'def', price: 7.5, quantity: 5, date: {$date: '2015-06-04T05:08:13Z'}}",
                "{_id: 7, item: 'def', price: 7.5, quantity: 10, date: {$date: '2015-09-10T08:43:00Z'}}",
                "{_id: 8, item: 'abc', price: 10, quantity: 5, date: {$date: '2016-02-06T20:20:13Z'}}");
    }

    private static List<BsonDocument> aggregate(MongoCollection<BsonDocument> c, String... stages) {
        List<BsonDocument> pipeline = new ArrayList<>();
        for (String stage : stages) {
            pipeline.add(doc(stage));
        }
        return c.aggregate(pipeline).into(new ArrayList<>());
    }

    @Test
    void countDocumentsWithAndWithoutFilterSkipAndLimit() {
        var c = sales();
        assertThat(c.countDocuments()).isEqualTo(8);
        assertThat(c.countDocuments(doc("{item: 'abc'}"))).isEqualTo(3);
        assertThat(c.countDocuments(doc("{price: {$lt: 10}}"))).isEqualTo(4);
        assertThat(c.countDocuments(doc("{item: 'none'}"))).isZero();
        assertThat(c.countDocuments(doc("{}"), new CountOptions().skip(3))).isEqualTo(5);
        assertThat(c.countDocuments(doc("{}"), new CountOptions().limit(4))).isEqualTo(4);
        assertThat(c.countDocuments(doc("{}"), new CountOptions().skip(3).limit(4)))
                .isEqualTo(4);
        assertThat(c.countDocuments(doc("{}"), new CountOptions().skip(6).limit(4)))
                .isEqualTo(2);
        assertThat(c.countDocuments(doc("{item: 'abc'}"), new CountOptions().skip(5)))
                .isZero();
        assertThat(collection("missing").countDocuments()).isZero();
    }

    @Test
    void estimatedDocumentCountAndTheCountCommand() {
        var c = sales();
        assertThat(c.estimatedDocumentCount()).isEqualTo(8);
        assertThat(collection("missing").estimatedDocumentCount()).isZero();
        c.deleteOne(doc("{_id: 1}"));
        assertThat(c.estimatedDocumentCount()).isEqualTo(7);
        assertThat(command("{count: 'sales', query: {item: 'abc'}}")
                        .get("n")
                        .asNumber()
                        .intValue())
                .isEqualTo(2);
        assertThat(command("{count: 'sales', skip: 2, limit: 3}")
                        .get("n")
                        .asNumber()
                        .intValue())
                .isEqualTo(3);
        assertThat(command("{count: 'sales', skip: 5, limit: 3}")
                        .get("n")
                        .asNumber()
                        .intValue())
                .isEqualTo(2);
        // For count, a negative limit means the same as the positive one.
        assertThat(command("{count: 'sales', limit: -4}").get("n").asNumber().intValue())
                .isEqualTo(4);
        assertThat(command("{count: 'sales', skip: 10}").get("n").asNumber().intValue())
                .isZero();
    }

    private MongoCollection<BsonDocument> inventory() {
        return insert(
                "inventory",
                "{_id: 1, dept: 'A', item: {sku: '111', color: 'red'}, sizes: ['S', 'M']}",
                "{_id: 2, dept: 'A', item: {sku: '111', color: 'blue'}, sizes: ['M', 'L']}",
                "{_id: 3, dept: 'B', item: {sku: '222', color: 'blue'}, sizes: 'S'}",
                "{_id: 4, dept: 'A', item: {sku: '333', color: 'black'}, sizes: ['S']}");
    }

    private static List<BsonValue> distinct(MongoCollection<BsonDocument> c, String field, String filter) {
        return c.distinct(field, doc(filter), BsonValue.class).into(new ArrayList<>());
    }

    @Test
    void distinctValuesOfAFieldAnEmbeddedFieldAndArrays() {
        var c = inventory();
        assertThat(distinct(c, "dept", "{}")).containsExactly(new BsonString("A"), new BsonString("B"));
        assertThat(distinct(c, "item.sku", "{}"))
                .containsExactly(new BsonString("111"), new BsonString("222"), new BsonString("333"));
        // Each element of an array is a value of its own.
        assertThat(distinct(c, "sizes", "{}"))
                .containsExactly(new BsonString("L"), new BsonString("M"), new BsonString("S"));
        assertThat(distinct(c, "item.sku", "{dept: 'A'}"))
                .containsExactly(new BsonString("111"), new BsonString("333"));
        assertThat(distinct(c, "sizes", "{dept: 'B'}")).containsExactly(new BsonString("S"));
        assertThat(distinct(c, "nothing", "{}")).isEmpty();
        assertThat(distinct(collection("missing"), "dept", "{}")).isEmpty();
    }

    @Test
    void distinctCountsEqualNumbersOnce() {
        var c = insert("n", "{_id: 1, v: 1}", "{_id: 2, v: 1.0}", "{_id: 3, v: {$numberLong: '1'}}", "{_id: 4, v: 2}");
        List<BsonValue> values = distinct(c, "v", "{}");
        assertThat(values).hasSize(2);
        assertThat(values.get(0).asNumber().doubleValue()).isEqualTo(1.0);
        assertThat(values.get(1)).isEqualTo(new BsonInt32(2));
    }

    @Test
    void groupWithEveryAccumulator() {
        var c = sales();
        List<BsonDocument> groups = aggregate(
                c,
                "{$sort: {_id: 1}}",
                "{$group: {_id: '$item', total: {$sum: '$quantity'}, avgQty: {$avg: '$quantity'},"
                        + " minQty: {$min: '$quantity'}, maxQty: {$max: '$quantity'}, quantities: {$push: '$quantity'},"
                        + " prices: {$addToSet: '$price'}, first: {$first: '$_id'}, last: {$last: '$_id'},"
                        + " count: {$sum: 1}}}",
                "{$sort: {_id: 1}}");
        assertThat(groups)
                .containsExactly(
                        doc("{_id: 'abc', total: 17, avgQty: " + (17.0 / 3) + ", minQty: 2, maxQty: 10,"
                                + " quantities: [2, 10, 5], prices: [10], first: 1, last: 8, count: 3}"),
                        doc("{_id: 'def', total: 15, avgQty: 7.5, minQty: 5, maxQty: 10, quantities: [5, 10],"
                                + " prices: [7.5], first: 6, last: 7, count: 2}"),
                        doc("{_id: 'jkl', total: 1, avgQty: 1.0, minQty: 1, maxQty: 1, quantities: [1],"
                                + " prices: [20], first: 2, last: 2, count: 1}"),
                        doc("{_id: 'xyz', total: 30, avgQty: 15.0, minQty: 10, maxQty: 20, quantities: [10, 20],"
                                + " prices: [5], first: 3, last: 4, count: 2}"));
        assertThat(groups.get(0).get("avgQty")).isInstanceOf(BsonDouble.class);
        assertThat(groups.get(0).get("total")).isInstanceOf(BsonInt32.class);
    }

    @Test
    void groupByNullAndByAnExpression() {
        var c = sales();
        assertThat(aggregate(
                        c,
                        "{$group: {_id: null, n: {$sum: 1}, avgPrice: {$avg: '$price'},"
                                + " revenue: {$sum: {$multiply: ['$price', '$quantity']}}}}"))
                .containsExactly(doc("{_id: null, n: 8, avgPrice: 9.375, revenue: 452.5}"));
        assertThat(aggregate(
                        c,
                        "{$group: {_id: {cheap: {$lt: ['$price', 10]}}, items: {$addToSet: '$item'}}}",
                        "{$sort: {_id: 1}}"))
                .satisfiesExactly(
                        g -> {
                            assertThat(g.getDocument("_id")).isEqualTo(doc("{cheap: false}"));
                            assertThat(g.getArray("items"))
                                    .containsExactlyInAnyOrder(new BsonString("abc"), new BsonString("jkl"));
                        },
                        g -> {
                            assertThat(g.getDocument("_id")).isEqualTo(doc("{cheap: true}"));
                            assertThat(g.getArray("items"))
                                    .containsExactlyInAnyOrder(new BsonString("xyz"), new BsonString("def"));
                        });
    }

    @Test
    void accumulatorsOverMissingAndNonNumericValues() {
        var c = sales();
        assertThat(aggregate(
                        c,
                        "{$group: {_id: null, s: {$sum: '$item'}, a: {$avg: '$item'}, mx: {$max: '$nothing'},"
                                + " mn: {$min: '$nothing'}, p: {$push: '$nothing'}, set: {$addToSet: '$nothing'}}}"))
                .containsExactly(doc("{_id: null, s: 0, a: null, mx: null, mn: null, p: [], set: []}"));
        // $min and $max compare across types in BSON order.
        assertThat(aggregate(c, "{$group: {_id: null, mx: {$max: '$item'}, mn: {$min: '$price'}}}"))
                .containsExactly(doc("{_id: null, mx: 'xyz', mn: 5}"));
    }

    @Test
    void matchSortSkipLimit() {
        var c = sales();
        assertThat(aggregate(c, "{$match: {item: 'abc'}}", "{$sort: {quantity: -1}}", "{$skip: 1}", "{$limit: 1}"))
                .extracting(d -> d.getInt32("_id").getValue())
                .containsExactly(8);
        assertThat(aggregate(
                        c,
                        "{$group: {_id: '$item', total: {$sum: '$quantity'}}}",
                        "{$sort: {total: -1}}",
                        "{$limit: 2}"))
                .containsExactly(doc("{_id: 'xyz', total: 30}"), doc("{_id: 'abc', total: 17}"));
        assertThat(aggregate(c, "{$match: {price: {$gt: 100}}}")).isEmpty();
    }

    @Test
    void projectIncludesExcludesAndComputes() {
        var c = sales();
        assertThat(aggregate(
                        c,
                        "{$match: {_id: {$in: [1, 6]}}}",
                        "{$sort: {_id: 1}}",
                        "{$project: {_id: 0, item: 1, total: {$multiply: ['$price', '$quantity']}}}"))
                .containsExactly(doc("{item: 'abc', total: 20}"), doc("{item: 'def', total: 37.5}"));
        assertThat(aggregate(c, "{$match: {_id: 2}}", "{$project: {date: 0, price: 0}}"))
                .containsExactly(doc("{_id: 2, item: 'jkl', quantity: 1}"));
        assertThat(aggregate(c, "{$match: {_id: 2}}", "{$project: {quantity: 1}}"))
                .containsExactly(doc("{_id: 2, quantity: 1}"));
    }

    @Test
    void addFieldsAppendsNewFieldsAndReplacesExistingOnesInPlace() {
        var c = sales();
        List<BsonDocument> out = aggregate(
                c,
                "{$match: {_id: 2}}",
                "{$addFields: {total: {$multiply: ['$price', '$quantity']}, item: {$literal: 'X'}}}",
                "{$project: {date: 0}}");
        assertThat(out).containsExactly(doc("{_id: 2, item: 'X', price: 20, quantity: 1, total: 20}"));
        assertThat(List.copyOf(out.get(0).keySet())).containsExactly("_id", "item", "price", "quantity", "total");
    }

    @Test
    void dottedComputedFieldsGoIntoEmbeddedDocuments() {
        var c = insert("nested", "{_id: 1, size: {h: 14, w: 21}, n: 2}", "{_id: 2, n: 3}", "{_id: 3, size: 5, n: 4}");
        assertThat(aggregate(c, "{$sort: {_id: 1}}", "{$addFields: {'size.area': {$multiply: ['$n', 10]}}}"))
                .containsExactly(
                        doc("{_id: 1, size: {h: 14, w: 21, area: 20}, n: 2}"),
                        doc("{_id: 2, n: 3, size: {area: 30}}"),
                        doc("{_id: 3, size: {area: 40}, n: 4}"));
        assertThat(aggregate(
                        c,
                        "{$match: {_id: 1}}",
                        "{$project: {'size.h': 1, 'size.double': {$multiply: ['$size.h', 2]}, _id: 0}}"))
                .containsExactly(doc("{size: {h: 14, double: 28}}"));
    }

    @Test
    void aFieldPathThroughAnArrayTakesTheFieldOfEachDocumentElement() {
        var c = insert("paths", "{_id: 1, arr: [{x: 1}, {y: 2}, {x: [3]}, 4, [{x: 5}]]}");
        // Elements that are not documents, nested arrays included, give nothing.
        assertThat(aggregate(c, "{$project: {xs: '$arr.x'}}")).containsExactly(doc("{_id: 1, xs: [1, [3]]}"));
    }

    @Test
    void limitMustBePositive() {
        var c = sales();
        assertThatThrownBy(() -> aggregate(c, "{$limit: 0}")).isInstanceOfSatisfying(MongoCommandException.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo(15958);
            assertThat(e.getErrorMessage()).isEqualTo("the limit must be positive");
        });
    }

    private MongoCollection<BsonDocument> clothing() {
        return insert(
                "clothing",
                "{_id: 1, item: 'ABC', price: 80, sizes: ['S', 'M', 'L']}",
                "{_id: 2, item: 'EFG', price: 120, sizes: []}",
                "{_id: 3, item: 'IJK', price: 160, sizes: 'M'}",
                "{_id: 4, item: 'LMN', price: 10}",
                "{_id: 5, item: 'XYZ', price: 5.75, sizes: null}");
    }

    @Test
    void unwindMakesOneDocumentPerElement() {
        var c = clothing();
        assertThat(aggregate(c, "{$sort: {_id: 1}}", "{$unwind: '$sizes'}", "{$project: {item: 0, price: 0}}"))
                .containsExactly(
                        doc("{_id: 1, sizes: 'S'}"),
                        doc("{_id: 1, sizes: 'M'}"),
                        doc("{_id: 1, sizes: 'L'}"),
                        doc("{_id: 3, sizes: 'M'}"));
    }

    @Test
    void unwindCanKeepEmptyAndMissingAndReportTheIndex() {
        var c = clothing();
        assertThat(aggregate(
                        c,
                        "{$sort: {_id: 1}}",
                        "{$unwind: {path: '$sizes', preserveNullAndEmptyArrays: true}}",
                        "{$project: {item: 0, price: 0}}"))
                .containsExactly(
                        doc("{_id: 1, sizes: 'S'}"),
                        doc("{_id: 1, sizes: 'M'}"),
                        doc("{_id: 1, sizes: 'L'}"),
                        doc("{_id: 2}"),
                        doc("{_id: 3, sizes: 'M'}"),
                        doc("{_id: 4}"),
                        doc("{_id: 5, sizes: null}"));
        assertThat(aggregate(
                        c,
                        "{$sort: {_id: 1}}",
                        "{$unwind: {path: '$sizes', includeArrayIndex: 'arrayIndex'}}",
                        "{$project: {item: 0, price: 0}}"))
                .containsExactly(
                        doc("{_id: 1, sizes: 'S', arrayIndex: {$numberLong: '0'}}"),
                        doc("{_id: 1, sizes: 'M', arrayIndex: {$numberLong: '1'}}"),
                        doc("{_id: 1, sizes: 'L', arrayIndex: {$numberLong: '2'}}"),
                        doc("{_id: 3, sizes: 'M', arrayIndex: null}"));
    }

    @Test
    void unwindThenGroupCountsElements() {
        var c = clothing();
        assertThat(aggregate(
                        c,
                        "{$unwind: '$sizes'}",
                        "{$group: {_id: '$sizes', n: {$sum: 1}, avgPrice: {$avg: '$price'}}}",
                        "{$sort: {_id: 1}}"))
                .containsExactly(
                        doc("{_id: 'L', n: 1, avgPrice: 80.0}"),
                        doc("{_id: 'M', n: 2, avgPrice: 120.0}"),
                        doc("{_id: 'S', n: 1, avgPrice: 80.0}"));
    }

    @Test
    void countStage() {
        var c = sales();
        assertThat(aggregate(c, "{$match: {price: {$gt: 6}}}", "{$count: 'n'}")).containsExactly(doc("{n: 6}"));
        assertThat(aggregate(c, "{$count: 'all'}")).containsExactly(doc("{all: 8}"));
        // No input documents: no output document, not a count of 0.
        assertThat(aggregate(c, "{$match: {price: {$gt: 100}}}", "{$count: 'n'}"))
                .isEmpty();
    }
}
