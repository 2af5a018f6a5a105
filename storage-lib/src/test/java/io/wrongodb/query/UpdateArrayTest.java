package io.wrongodb.query;

import static io.wrongodb.query.UpdateTesting.apply;
import static io.wrongodb.query.UpdateTesting.assertDocument;

import org.junit.jupiter.api.Test;

/** The array operators, with the examples of MongoDB's manual. */
class UpdateArrayTest {
    @Test
    void pushAppendsOneValueOrAnArrayAsOneElement() {
        assertDocument(
                apply("{_id: 1, scores: [44, 78, 38, 80]}", "{$push: {scores: 89}}"),
                "{_id: 1, scores: [44, 78, 38, 80, 89]}");
        assertDocument(apply("{_id: 1, scores: [1]}", "{$push: {scores: [2, 3]}}"), "{_id: 1, scores: [1, [2, 3]]}");
        assertDocument(apply("{_id: 1}", "{$push: {scores: 1}}"), "{_id: 1, scores: [1]}");
    }

    @Test
    void pushEachAppendsEveryValue() {
        assertDocument(
                apply("{_id: 1, scores: [1]}", "{$push: {scores: {$each: [90, 92, 85]}}}"),
                "{_id: 1, scores: [1, 90, 92, 85]}");
    }

    @Test
    void pushWithSortOnAnEmbeddedFieldAndSlice() {
        assertDocument(
                apply(
                        "{_id: 5, quizzes: [{wk: 1, score: 10}, {wk: 2, score: 8}, {wk: 3, score: 5}, {wk: 4, score: 6}]}",
                        "{$push: {quizzes: {$each: [{wk: 5, score: 8}, {wk: 6, score: 7}, {wk: 7, score: 6}],"
                                + " $sort: {score: -1}, $slice: 3}}}"),
                "{_id: 5, quizzes: [{wk: 1, score: 10}, {wk: 2, score: 8}, {wk: 5, score: 8}]}");
    }

    @Test
    void pushWithSortOfWholeValuesAndNegativeSlice() {
        assertDocument(
                apply("{_id: 1, tests: [89, 70, 89, 50]}", "{$push: {tests: {$each: [40, 60], $sort: 1}}}"),
                "{_id: 1, tests: [40, 50, 60, 70, 89, 89]}");
        assertDocument(
                apply("{_id: 1, scores: [40, 50, 60]}", "{$push: {scores: {$each: [80, 78, 86], $slice: -5}}}"),
                "{_id: 1, scores: [50, 60, 80, 78, 86]}");
        assertDocument(
                apply("{_id: 1, scores: [1, 2]}", "{$push: {scores: {$each: [], $slice: 0}}}"), "{_id: 1, scores: []}");
    }

    @Test
    void pushSortPutsNonDocumentsAndMissingFieldsFirstAsNulls() {
        assertDocument(
                apply("{_id: 1, a: [{x: 2}, 5, {y: 1}]}", "{$push: {a: {$each: [{x: 1}], $sort: {x: 1}}}}"),
                "{_id: 1, a: [5, {y: 1}, {x: 1}, {x: 2}]}");
    }

    @Test
    void pushAtAPosition() {
        assertDocument(
                apply("{_id: 1, scores: [100]}", "{$push: {scores: {$each: [50, 60, 70], $position: 0}}}"),
                "{_id: 1, scores: [50, 60, 70, 100]}");
        assertDocument(
                apply("{_id: 1, scores: [50, 60, 70, 100]}", "{$push: {scores: {$each: [20, 30], $position: 2}}}"),
                "{_id: 1, scores: [50, 60, 20, 30, 70, 100]}");
        assertDocument(
                apply(
                        "{_id: 1, scores: [50, 60, 20, 30, 70, 100]}",
                        "{$push: {scores: {$each: [90, 80], $position: -2}}}"),
                "{_id: 1, scores: [50, 60, 20, 30, 90, 80, 70, 100]}");
        assertDocument(
                apply("{_id: 1, scores: [1]}", "{$push: {scores: {$each: [2], $position: -9}}}"),
                "{_id: 1, scores: [2, 1]}");
    }

    @Test
    void addToSetAddsOnlyMissingValues() {
        assertDocument(
                apply("{_id: 1, colors: ['blue', 'green', 'red']}", "{$addToSet: {colors: 'mauve'}}"),
                "{_id: 1, colors: ['blue', 'green', 'red', 'mauve']}");
        assertDocument(
                apply("{_id: 1, colors: ['blue']}", "{$addToSet: {colors: 'blue'}}"), "{_id: 1, colors: ['blue']}");
        assertDocument(
                apply("{_id: 1, letters: ['a', 'b']}", "{$addToSet: {letters: ['c', 'd']}}"),
                "{_id: 1, letters: ['a', 'b', ['c', 'd']]}");
        assertDocument(
                apply(
                        "{_id: 2, tags: ['electronics', 'camera']}",
                        "{$addToSet: {tags: {$each: ['camera', 'electronics', 'accessories', 'accessories']}}}"),
                "{_id: 2, tags: ['electronics', 'camera', 'accessories']}");
        // 1.0 equals 1 in MongoDB's order.
        assertDocument(apply("{_id: 1, a: [1]}", "{$addToSet: {a: 1.0}}"), "{_id: 1, a: [1]}");
        assertDocument(apply("{_id: 1}", "{$addToSet: {a: {$each: [1, 1, 2]}}}"), "{_id: 1, a: [1, 2]}");
    }

    @Test
    void popRemovesTheFirstOrLastElement() {
        assertDocument(apply("{_id: 1, scores: [8, 9, 10]}", "{$pop: {scores: -1}}"), "{_id: 1, scores: [9, 10]}");
        assertDocument(apply("{_id: 1, scores: [9, 10]}", "{$pop: {scores: 1}}"), "{_id: 1, scores: [9]}");
        assertDocument(apply("{_id: 1, scores: []}", "{$pop: {scores: 1}}"), "{_id: 1, scores: []}");
        assertDocument(apply("{_id: 1}", "{$pop: {'a.b': 1}}"), "{_id: 1}");
    }

    @Test
    void pullOfAPlainValueRemovesEqualElements() {
        assertDocument(
                apply(
                        "{_id: 1, fruits: ['apples', 'pears', 'oranges', 'grapes', 'bananas'], vegetables: ['carrots', 'celery', 'squash', 'carrots']}",
                        "{$pull: {fruits: 'apples', vegetables: 'carrots'}}"),
                "{_id: 1, fruits: ['pears', 'oranges', 'grapes', 'bananas'], vegetables: ['celery', 'squash']}");
        assertDocument(apply("{_id: 1, a: [1, 1.0, 2, [1]]}", "{$pull: {a: 1}}"), "{_id: 1, a: [2, [1]]}");
        assertDocument(apply("{_id: 1, a: [[1, 2], [3]]}", "{$pull: {a: [1, 2]}}"), "{_id: 1, a: [[3]]}");
        assertDocument(apply("{_id: 1}", "{$pull: {a: 1}}"), "{_id: 1}");
    }

    @Test
    void pullAllRemovesEveryListedValue() {
        assertDocument(
                apply("{_id: 1, scores: [0, 2, 5, 5, 1, 0]}", "{$pullAll: {scores: [0, 5]}}"),
                "{_id: 1, scores: [2, 1]}");
    }

    @Test
    void operatorsReachArrayElementsByIndex() {
        assertDocument(
                apply("{_id: 1, a: [{b: 1}, {b: 2}]}", "{$inc: {'a.1.b': 10}}"), "{_id: 1, a: [{b: 1}, {b: 12}]}");
        assertDocument(apply("{_id: 1, a: [[1], [2]]}", "{$push: {'a.0': 5}}"), "{_id: 1, a: [[1, 5], [2]]}");
    }
}
