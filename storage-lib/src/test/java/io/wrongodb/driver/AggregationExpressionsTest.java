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
 * Aggregation expression operators through the official driver: {@code $project} and {@code $addFields} with string,
 * array, set, object, conversion, math, date and variable operators, {@code $expr} in a find, and the error replies
 * (code and codeName) MongoDB 7.0 sends for bad expressions.
 */
class AggregationExpressionsTest extends DriverTestBase {

    private MongoCollection<BsonDocument> orders() {
        return insertIntoC(
                "{_id: 1, customer: ' Ann Lee ', items: [{sku: 'a', qty: 2, price: 5}, {sku: 'b', qty: 1, price: 20}],"
                        + " tags: ['x', 'y', 'x'], placed: ISODate('2021-02-28T10:30:00Z'), code: '42'}",
                "{_id: 2, customer: 'bo', items: [], tags: null, placed: ISODate('2020-12-31T23:00:00Z'), code: 'n/a'}");
    }

    private static List<BsonDocument> aggregate(MongoCollection<BsonDocument> c, String... stages) {
        List<BsonDocument> pipeline = new ArrayList<>();
        for (String stage : stages) {
            pipeline.add(doc(stage));
        }
        return c.aggregate(pipeline).into(new ArrayList<>());
    }

    @Test
    void projectWithStringAndConversionOperators() {
        var result = aggregate(
                orders(),
                "{$sort: {_id: 1}}",
                "{$project: {name: {$toUpper: {$trim: {input: '$customer'}}},"
                        + " first: {$arrayElemAt: [{$split: [{$trim: {input: '$customer'}}, ' ']}, 0]},"
                        + " len: {$strLenCP: '$customer'},"
                        + " code: {$convert: {input: '$code', to: 'int', onError: -1}},"
                        + " label: {$concat: ['#', {$toString: '$_id'}]}}}");
        assertThat(result)
                .containsExactly(
                        doc("{_id: 1, name: 'ANN LEE', first: 'Ann', len: 9, code: 42, label: '#1'}"),
                        doc("{_id: 2, name: 'BO', first: 'bo', len: 2, code: -1, label: '#2'}"));
    }

    @Test
    void addFieldsWithArrayVariableAndSetOperators() {
        var result = aggregate(
                orders(),
                "{$sort: {_id: 1}}",
                "{$addFields: {total: {$reduce: {input: '$items', initialValue: 0,"
                        + " in: {$add: ['$$value', {$multiply: ['$$this.qty', '$$this.price']}]}}},"
                        + " skus: {$map: {input: '$items', as: 'i', in: '$$i.sku'}},"
                        + " big: {$filter: {input: '$items', cond: {$gte: ['$$this.price', 10]}}},"
                        + " uniqueTags: {$setUnion: ['$tags']},"
                        + " size: {$size: '$items'},"
                        + " rank: {$switch: {branches: [{case: {$gt: [{$size: '$items'}, 1]}, then: 'many'}],"
                        + " default: 'few'}},"
                        + " discounted: {$let: {vars: {n: {$size: '$items'}}, in: {$multiply: ['$$n', 10]}}}}}",
                "{$project: {items: 0, customer: 0, placed: 0, code: 0, tags: 0}}");
        assertThat(result)
                .containsExactly(
                        doc("{_id: 1, total: 30, skus: ['a', 'b'], big: [{sku: 'b', qty: 1, price: 20}],"
                                + " uniqueTags: ['x', 'y'], size: 2, rank: 'many', discounted: 20}"),
                        doc("{_id: 2, total: 0, skus: [], big: [], uniqueTags: null, size: 0, rank: 'few',"
                                + " discounted: 0}"));
    }

    @Test
    void projectWithDateObjectAndMathOperators() {
        var result = aggregate(
                orders(),
                "{$match: {_id: 1}}",
                "{$project: {_id: 0, year: {$year: '$placed'}, day: {$dateToString: {date: '$placed',"
                        + " format: '%Y-%m-%d'}}, next: {$dateAdd: {startDate: '$placed', unit: 'day', amount: 1}},"
                        + " days: {$dateDiff: {startDate: ISODate('2021-01-01T00:00:00Z'), endDate: '$placed',"
                        + " unit: 'day'}}, localHour: {$hour: {date: '$placed', timezone: '+02:00'}},"
                        + " pairs: {$objectToArray: {$arrayElemAt: ['$items', 0]}},"
                        + " merged: {$mergeObjects: [{a: 1}, {$first: '$items'}]},"
                        + " avg: {$avg: '$items.price'}, root: {$round: [{$sqrt: 2}, 3]}}}");
        assertThat(result)
                .containsExactly(doc("{year: 2021, day: '2021-02-28', next: ISODate('2021-03-01T10:30:00Z'),"
                        + " days: NumberLong(58), localHour: 12,"
                        + " pairs: [{k: 'sku', v: 'a'}, {k: 'qty', v: 2}, {k: 'price', v: 5}],"
                        + " merged: {a: 1, sku: 'a', qty: 2, price: 5}, avg: 12.5, root: 1.414}"));
    }

    @Test
    void exprInAFindUsesTheNewOperators() {
        var c = orders();
        List<Integer> ids = c.find(
                        doc("{$expr: {$and: [{$regexMatch: {input: '$customer', regex: 'ann', options: 'i'}},"
                                + " {$eq: [{$month: '$placed'}, 2]}]}}"))
                .map(d -> d.getInt32("_id").getValue())
                .into(new ArrayList<>());
        assertThat(ids).containsExactly(1);
        List<Integer> withoutItems = c.find(doc("{$expr: {$eq: [{$size: {$ifNull: ['$items', []]}}, 0]}}"))
                .map(d -> d.getInt32("_id").getValue())
                .into(new ArrayList<>());
        assertThat(withoutItems).containsExactly(2);
    }

    @Test
    void errorsCarryMongoDbCodesAndNames() {
        var c = orders();
        assertThatThrownBy(() -> aggregate(c, "{$project: {x: {$toInt: '$code'}}}"))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(241);
                    assertThat(e.getErrorCodeName()).isEqualTo("ConversionFailure");
                });
        assertThatThrownBy(() -> aggregate(c, "{$project: {x: {$let: {vars: {a: 1}, in: '$$b'}}}}"))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(17276);
                    assertThat(e.getErrorCodeName()).isEqualTo("Location17276");
                    assertThat(e.getErrorMessage()).contains("Use of undefined variable: b");
                });
        assertThatThrownBy(() -> aggregate(c, "{$addFields: {x: {$noSuchOp: 1}}}"))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(168);
                    assertThat(e.getErrorCodeName()).isEqualTo("InvalidPipelineOperator");
                });
        assertThatThrownBy(() -> c.find(doc("{$expr: {$concat: ['a', 1]}}")).first())
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(16702);
                    assertThat(e.getErrorMessage()).contains("$concat only supports strings, not int");
                });
    }
}
