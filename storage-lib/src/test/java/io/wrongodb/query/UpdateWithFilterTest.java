package io.wrongodb.query;

import static io.wrongodb.query.UpdateTesting.apply;
import static io.wrongodb.query.UpdateTesting.assertDocument;

import org.junit.jupiter.api.Test;

/** The updates that test values with a query filter: $pull with a condition, and $[id] with arrayFilters. */
class UpdateWithFilterTest {
    @Test
    void pullWithAConditionRemovesTheMatchingElements() {
        assertDocument(
                apply("{_id: 1, votes: [3, 5, 6, 7, 7, 8]}", "{$pull: {votes: {$gte: 6}}}"), "{_id: 1, votes: [3, 5]}");
        assertDocument(
                apply("{_id: 1, a: ['apple', 'kiwi', 'banana']}", "{$pull: {a: {$in: ['kiwi', 'x']}}}"),
                "{_id: 1, a: ['apple', 'banana']}");
    }

    @Test
    void pullWithADocumentRemovesTheDocumentsMatchingIt() {
        assertDocument(
                apply(
                        "{_id: 1, results: [{item: 'A', score: 5}, {item: 'B', score: 8}, 5]}",
                        "{$pull: {results: {score: 8, item: 'B'}}}"),
                "{_id: 1, results: [{item: 'A', score: 5}, 5]}");
        assertDocument(
                apply(
                        "{_id: 1, results: [{answers: [{q: 1, a: 4}, {q: 2, a: 6}]}, {answers: [{q: 1, a: 8}]}]}",
                        "{$pull: {results: {answers: {$elemMatch: {q: 2, a: {$gte: 5}}}}}}"),
                "{_id: 1, results: [{answers: [{q: 1, a: 8}]}]}");
    }

    @Test
    void filteredPositionalUpdatesTheElementsThatMatch() {
        assertDocument(
                apply("{_id: 1, grades: [95, 92, 90]}", "{$set: {'grades.$[element]': 100}}", "{element: {$gte: 100}}"),
                "{_id: 1, grades: [95, 92, 90]}");
        assertDocument(
                apply(
                        "{_id: 1, grades: [95, 102, 90, 150]}",
                        "{$set: {'grades.$[element]': 100}}",
                        "{element: {$gte: 100}}"),
                "{_id: 1, grades: [95, 100, 90, 100]}");
        assertDocument(
                apply(
                        "{_id: 1, grades: [{grade: 80, mean: 75}, {grade: 85, mean: 90}, {grade: 85, mean: 85}]}",
                        "{$set: {'grades.$[elem].mean': 100}}",
                        "{'elem.grade': {$gte: 85}}"),
                "{_id: 1, grades: [{grade: 80, mean: 75}, {grade: 85, mean: 100}, {grade: 85, mean: 100}]}");
    }

    @Test
    void filteredAndAllPositionalMergeOnTheSameElement() {
        assertDocument(
                apply("{_id: 1, a: [{b: 1}, {b: 2}]}", "{$set: {'a.$[].c': 0, 'a.$[x].d': 1}}", "{'x.b': 2}"),
                "{_id: 1, a: [{b: 1, c: 0}, {b: 2, c: 0, d: 1}]}");
    }
}
