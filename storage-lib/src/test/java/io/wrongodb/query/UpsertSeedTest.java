package io.wrongodb.query;

import static io.wrongodb.query.UpdateTesting.assertDocument;
import static io.wrongodb.query.UpdateTesting.assertError;
import static io.wrongodb.query.UpdateTesting.doc;
import static io.wrongodb.query.UpdateTesting.error;
import static io.wrongodb.query.UpdateTesting.insert;

import org.junit.jupiter.api.Test;

/** The document an upsert starts from: the query's equality conditions. */
class UpsertSeedTest {
    private static String seed(String filter) {
        return Update.upsertSeed(doc(filter)).toJson();
    }

    @Test
    void equalitiesBecomeFieldsWithIdFirstAndPathsInOrder() {
        assertDocument(doc(seed("{b: 1, _id: 5, a: 'x'}")), "{_id: 5, a: 'x', b: 1}");
        assertDocument(doc(seed("{a: {$eq: 1}}")), "{a: 1}");
        assertDocument(doc(seed("{a: {b: 1}}")), "{a: {b: 1}}");
        assertDocument(doc(seed("{a: [1, 2]}")), "{a: [1, 2]}");
    }

    @Test
    void dottedPathsBecomeEmbeddedDocuments() {
        assertDocument(doc(seed("{'a.b': 1, 'a.c': 2, 'd.e.f': 3}")), "{a: {b: 1, c: 2}, d: {e: {f: 3}}}");
    }

    @Test
    void andClausesContributeAndOtherConditionsDoNot() {
        assertDocument(
                doc(seed("{$and: [{a: 1}, {b: {$eq: 2}}], c: {$gt: 1}, d: {$regex: 'x'}, e: /x/}")), "{a: 1, b: 2}");
        assertDocument(doc(seed("{$or: [{a: 1}]}")), "{a: 1}");
        assertDocument(doc(seed("{$or: [{a: 1}, {b: 1}]}")), "{}");
        assertDocument(doc(seed("{a: {$in: [1, 2]}, $expr: {$eq: ['$a', 1]}}")), "{}");
    }

    @Test
    void pathsMatchedTwiceCannotBeInferred() {
        assertError(
                error(() -> seed("{$and: [{a: 1}, {a: 2}]}")),
                54,
                "cannot infer query fields to set, path 'a' is matched twice");
        assertError(
                error(() -> seed("{a: {b: 1}, 'a.c': 2}")),
                54,
                "cannot infer query fields to set, both paths 'a' and 'a.c' are matched");
    }

    @Test
    void theUpdateAppliesToTheSeedAsAnInsert() {
        String seed = seed("{_id: 1, name: 'x', qty: {$gt: 5}}");
        assertDocument(
                insert(seed, "{$set: {qty: 10}, $setOnInsert: {created: true}, $inc: {n: 1}}"),
                "{_id: 1, name: 'x', created: true, n: 1, qty: 10}");
        assertDocument(insert(seed, "{other: 1}"), "{_id: 1, other: 1}");
    }
}
