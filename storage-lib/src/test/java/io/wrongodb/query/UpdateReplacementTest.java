package io.wrongodb.query;

import static io.wrongodb.query.UpdateTesting.apply;
import static io.wrongodb.query.UpdateTesting.applyError;
import static io.wrongodb.query.UpdateTesting.assertDocument;
import static io.wrongodb.query.UpdateTesting.assertError;
import static io.wrongodb.query.UpdateTesting.doc;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Replacement documents: everything but _id is replaced, and _id stays what it was, first. */
class UpdateReplacementTest {
    @Test
    void documentsWithoutOperatorsAreReplacements() {
        assertThat(Update.parse(doc("{a: 1}"), List.of()).isReplacement()).isTrue();
        assertThat(Update.parse(doc("{}"), List.of()).isReplacement()).isTrue();
        assertThat(Update.parse(doc("{$set: {a: 1}}"), List.of()).isReplacement())
                .isFalse();
    }

    @Test
    void replacementKeepsTheOriginalId() {
        assertDocument(apply("{_id: 1, a: 1, b: 2}", "{c: 3}"), "{_id: 1, c: 3}");
        assertDocument(apply("{_id: 1, a: 1}", "{c: 3, _id: 1}"), "{_id: 1, c: 3}");
        assertDocument(apply("{_id: 1, a: 1}", "{}"), "{_id: 1}");
    }

    @Test
    void replacementMayNotChangeTheId() {
        assertError(
                applyError("{_id: 1, a: 1}", "{_id: 2, a: 1}"),
                66,
                "After applying the update, the (immutable) field '_id' was found to have been altered to _id: 2");
    }

    @Test
    void replacementMayNotHaveTopLevelDollarFields() {
        assertError(
                applyError("{_id: 1}", "{a: 1, $set: {b: 1}}"),
                52,
                "The dollar ($) prefixed field '$set' in '$set' is not allowed in the context of an update's"
                        + " replacement document. Consider using an aggregation pipeline with $replaceWith.");
    }

    @Test
    void replacementIdMayNotBeAnArray() {
        assertError(applyError("{a: 1}", "{_id: [1], a: 2}"), 53, "The '_id' value cannot be of type array");
    }
}
