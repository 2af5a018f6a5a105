package io.wrongodb.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wrongodb.error.MongoServerException;
import java.util.Arrays;
import java.util.List;
import org.bson.BsonDocument;

/** Shorthands for update tests: documents in JSON, one call to apply an update, one to catch its error. */
final class UpdateTesting {
    private UpdateTesting() {}

    static BsonDocument doc(String json) {
        return BsonDocument.parse(json);
    }

    static BsonDocument apply(String document, String update, String... arrayFilters) {
        return Update.parse(doc(update), filters(arrayFilters)).apply(doc(document), null, false);
    }

    static BsonDocument applyMatched(String document, int position, String update) {
        MatchDetails details = new MatchDetails();
        details.recordArrayPosition(position);
        return Update.parse(doc(update), List.of()).apply(doc(document), details, false);
    }

    static BsonDocument insert(String seed, String update) {
        return Update.parse(doc(update), List.of()).apply(doc(seed), null, true);
    }

    static List<BsonDocument> filters(String... arrayFilters) {
        return Arrays.stream(arrayFilters).map(BsonDocument::parse).toList();
    }

    /** Asserts JSON equality including field order and BSON types. */
    static void assertDocument(BsonDocument actual, String expected) {
        assertThat(actual.toJson()).isEqualTo(doc(expected).toJson());
    }

    static MongoServerException error(Runnable action) {
        MongoServerException e = catchThrowableOfType(action::run, MongoServerException.class);
        assertThat(e).as("expected a MongoServerException").isNotNull();
        return e;
    }

    static MongoServerException applyError(String document, String update, String... arrayFilters) {
        return error(() -> apply(document, update, arrayFilters));
    }

    static MongoServerException parseError(String update, String... arrayFilters) {
        return error(() -> Update.parse(doc(update), filters(arrayFilters)));
    }

    static void assertError(MongoServerException e, int code, String message) {
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.code()).isEqualTo(code);
    }
}
