package io.wrongodb.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wrongodb.error.MongoServerException;
import org.bson.BsonDocument;

/** Shorthands for projection tests: documents in shell syntax, results compared with their field order. */
final class ProjectionCases {
    private ProjectionCases() {}

    static BsonDocument doc(String json) {
        return BsonDocument.parse(json);
    }

    /** Applies {@code projection} to {@code input} and checks the result, field order and number types included. */
    static void assertProjects(String projection, String input, String expected) {
        assertProjects(projection, input, new MatchDetails(), expected);
    }

    static void assertProjects(String projection, String input, MatchDetails details, String expected) {
        BsonDocument result = Projection.parse(doc(projection)).apply(doc(input), details);
        assertThat(result.toJson())
                .as("%s on %s", projection, input)
                .isEqualTo(doc(expected).toJson());
    }

    static MongoServerException parseError(String projection) {
        return catchThrowableOfType(() -> Projection.parse(doc(projection)), MongoServerException.class);
    }

    static void assertRejects(String projection, int code, String message) {
        MongoServerException error = parseError(projection);
        assertThat(error).as("error for %s", projection).isNotNull();
        assertThat(error.code()).as("code for %s", projection).isEqualTo(code);
        assertThat(error.getMessage()).as("message for %s", projection).isEqualTo(message);
    }
}
