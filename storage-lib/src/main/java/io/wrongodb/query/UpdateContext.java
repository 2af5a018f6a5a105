package io.wrongodb.query;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** What one application of an update knows besides the paths: the document, the query's match, upsert or not. */
final class UpdateContext {
    static final String ID = "_id";

    final BsonDocument document;
    private final String matchedField;
    final boolean inserting;
    private final Map<String, Filter> arrayFilters;

    UpdateContext(BsonDocument document, MatchDetails details, boolean inserting, Map<String, Filter> arrayFilters) {
        this.document = document;
        this.matchedField = details == null || details.arrayPosition().isEmpty()
                ? null
                : Integer.toString(details.arrayPosition().getAsInt());
        this.inserting = inserting;
        this.arrayFilters = arrayFilters;
    }

    /** The array index the query matched, which the positional operator {@code $} stands for. */
    String matchedField() {
        if (matchedField == null) {
            throw new MongoServerException(
                    ErrorCode.BAD_VALUE, "The positional operator did not find the match needed from the query.");
        }
        return matchedField;
    }

    /** True if the array element matches the array filter named {@code identifier}. */
    boolean matchesArrayFilter(String identifier, BsonValue element) {
        return arrayFilters.get(identifier).matches(new BsonDocument(identifier, element));
    }

    /** {@code _id: 1}, or {@code no id}: how MongoDB names the document in some messages. */
    String idText() {
        BsonValue id = document.get(ID);
        return id == null ? "no id" : BsonText.element(ID, id);
    }

    /** Refuses to change a value at a path under {@code _id}. */
    static void checkNotImmutable(List<String> path) {
        if (!path.isEmpty() && path.get(0).equals(ID)) {
            throw new MongoServerException(
                    ErrorCode.IMMUTABLE_FIELD,
                    "Performing an update on the path '" + String.join(".", path)
                            + "' would modify the immutable field '_id'");
        }
    }
}
