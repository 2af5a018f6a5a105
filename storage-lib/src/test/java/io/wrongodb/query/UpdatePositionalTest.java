package io.wrongodb.query;

import static io.wrongodb.query.UpdateTesting.apply;
import static io.wrongodb.query.UpdateTesting.applyMatched;
import static io.wrongodb.query.UpdateTesting.assertDocument;
import static io.wrongodb.query.UpdateTesting.assertError;
import static io.wrongodb.query.UpdateTesting.error;

import org.junit.jupiter.api.Test;

/** The positional $ (the element the query matched) and the all-positional $[]. */
class UpdatePositionalTest {
    @Test
    void positionalUpdatesTheMatchedElement() {
        assertDocument(
                applyMatched("{_id: 1, grades: [85, 80, 80]}", 1, "{$set: {'grades.$': 82}}"),
                "{_id: 1, grades: [85, 82, 80]}");
        assertDocument(
                applyMatched(
                        "{_id: 4, grades: [{grade: 80, mean: 75}, {grade: 85, mean: 90}]}",
                        1,
                        "{$set: {'grades.$.std': 6}}"),
                "{_id: 4, grades: [{grade: 80, mean: 75}, {grade: 85, mean: 90, std: 6}]}");
    }

    @Test
    void positionalAndTheSameIndexMergeWhenTheyDoNotOverlap() {
        assertDocument(
                applyMatched("{_id: 1, a: [{b: 1}, {b: 2}]}", 0, "{$set: {'a.$.c': 1, 'a.0.d': 2}}"),
                "{_id: 1, a: [{b: 1, c: 1, d: 2}, {b: 2}]}");
    }

    @Test
    void positionalAndTheSameIndexOnOnePathConflict() {
        assertError(
                error(() -> applyMatched("{_id: 1, a: [1, 2]}", 0, "{$set: {'a.$': 1, 'a.0': 2}}")),
                40,
                "Update created a conflict at 'a.0'");
    }

    @Test
    void positionalWithoutAMatchFails() {
        assertError(
                error(() -> apply("{_id: 1, a: [1]}", "{$set: {'a.$': 1}}")),
                2,
                "The positional operator did not find the match needed from the query.");
    }

    @Test
    void allPositionalUpdatesEveryElement() {
        assertDocument(
                apply("{_id: 1, grades: [85, 82, 80]}", "{$inc: {'grades.$[]': 10}}"),
                "{_id: 1, grades: [95, 92, 90]}");
        assertDocument(
                apply("{_id: 1, a: [{b: 1}, {b: 2}]}", "{$set: {'a.$[].c': 0}}"),
                "{_id: 1, a: [{b: 1, c: 0}, {b: 2, c: 0}]}");
        assertDocument(
                apply("{_id: 1, a: [{b: [1, 2]}, {b: [3]}]}", "{$inc: {'a.$[].b.$[]': 1}}"),
                "{_id: 1, a: [{b: [2, 3]}, {b: [4]}]}");
        assertDocument(apply("{_id: 1, a: []}", "{$set: {'a.$[]': 1}}"), "{_id: 1, a: []}");
    }

    @Test
    void allPositionalNeedsAnExistingArray() {
        assertError(
                error(() -> apply("{_id: 1}", "{$set: {'a.$[]': 1}}")),
                2,
                "The path 'a' must exist in the document in order to apply array updates.");
        assertError(
                error(() -> apply("{_id: 1, a: 5}", "{$set: {'a.$[]': 1}}")),
                2,
                "Cannot apply array updates to non-array element a: 5");
    }
}
