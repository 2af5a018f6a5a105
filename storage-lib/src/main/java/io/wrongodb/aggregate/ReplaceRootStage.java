package io.wrongodb.aggregate;

import io.wrongodb.bson.ShellFormat;
import io.wrongodb.bson.TypeNames;
import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.Expression;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * {@code $replaceRoot: {newRoot: <expression>}} and its shorthand {@code $replaceWith: <expression>}: each document
 * is replaced by the value of the expression, which must be a document (40228 otherwise).
 */
final class ReplaceRootStage implements Stage {
    private final Expression newRoot;
    private final String context;

    private ReplaceRootStage(Expression newRoot, String context) {
        this.newRoot = newRoot;
        this.context = context;
    }

    static ReplaceRootStage parse(String name, BsonValue spec) {
        if (name.equals("$replaceWith")) {
            return new ReplaceRootStage(Expression.parse(spec), "'replacement document'");
        }
        if (!spec.isDocument()) {
            throw MongoServerException.location(
                    40229, "expected an object as specification for $replaceRoot stage, got " + TypeNames.of(spec));
        }
        BsonValue root = null;
        for (String field : spec.asDocument().keySet()) {
            if (!field.equals("newRoot")) {
                throw MongoServerException.location(
                        40415, "BSON field '$replaceRoot." + field + "' is an unknown field.");
            }
            root = spec.asDocument().get(field);
        }
        if (root == null) {
            throw MongoServerException.location(
                    40414, "BSON field '$replaceRoot.newRoot' is missing but a required field");
        }
        return new ReplaceRootStage(Expression.parse(root), "'newRoot' expression");
    }

    @Override
    public List<BsonDocument> apply(List<BsonDocument> input) {
        List<BsonDocument> out = new ArrayList<>(input.size());
        for (BsonDocument d : input) {
            out.add(replacement(newRoot.evaluate(d), d, context));
        }
        return out;
    }

    /** The value as the new document, or MongoDB's 40228 when it is not one. */
    static BsonDocument replacement(BsonValue value, BsonDocument input, String context) {
        if (value != null && value.isDocument()) {
            return value.asDocument();
        }
        throw MongoServerException.location(
                40228,
                context + " must evaluate to an object, but resulting value was: "
                        + (value == null ? "MISSING" : ShellFormat.of(value)) + ". Type of resulting value: '"
                        + (value == null ? "missing" : TypeNames.of(value)) + "'. Input document: "
                        + ShellFormat.of(input));
    }
}
