package io.wrongodb.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wrongodb.error.MongoServerException;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** Shorthands for the expression tests: values and expressions from shell-style JSON, and the errors they raise. */
final class Evaluation {
    private Evaluation() {}

    /** A value written in shell-style JSON: {@code value("[1, 'a']")}. */
    static BsonValue value(String json) {
        return BsonDocument.parse("{v: " + json + "}").get("v");
    }

    static BsonValue eval(String expression, BsonDocument root) {
        return Expression.parse(value(expression)).evaluate(root);
    }

    static BsonValue eval(String expression) {
        return eval(expression, new BsonDocument());
    }

    /** Asserts that evaluating the expression fails with the code and message, and returns nothing. */
    static void assertEvaluationError(String expression, BsonDocument root, int code, String message) {
        Expression parsed = Expression.parse(value(expression));
        MongoServerException e = catchThrowableOfType(() -> parsed.evaluate(root), MongoServerException.class);
        assertThat(e).as(expression).isNotNull();
        assertThat(e.getMessage()).as(expression).isEqualTo(message);
        assertThat(e.code()).as(expression).isEqualTo(code);
    }

    /** Asserts that parsing the expression fails with the code and message. */
    static void assertParseError(String expression, int code, String message) {
        MongoServerException e =
                catchThrowableOfType(() -> Expression.parse(value(expression)), MongoServerException.class);
        assertThat(e).as(expression).isNotNull();
        assertThat(e.getMessage()).as(expression).isEqualTo(message);
        assertThat(e.code()).as(expression).isEqualTo(code);
    }
}
