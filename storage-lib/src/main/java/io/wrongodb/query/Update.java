package io.wrongodb.query;

import io.wrongodb.bson.BsonOrder;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A parsed update, applied to documents in memory as MongoDB 7.0 applies it: either a replacement document or a
 * document of update operators ({@code {$set: {a: 1}, $inc: {n: 1}}}) with their positional ({@code a.$}),
 * all-positional ({@code a.$[]}) and filtered ({@code a.$[x]}) paths. Parsing rejects what MongoDB rejects, with its
 * codes and messages; applying returns a new document and leaves the original alone.
 *
 * <p>Pipeline updates (an array of stages) are not updates of this kind: callers reject them.
 */
public final class Update {
    private static final String ID = UpdateContext.ID;

    private final BsonDocument replacement;
    private final DocumentNode root;
    private final Map<String, Filter> arrayFilters;

    private Update(BsonDocument replacement, DocumentNode root, Map<String, Filter> arrayFilters) {
        this.replacement = replacement;
        this.root = root;
        this.arrayFilters = arrayFilters;
    }

    /**
     * Parses an update document: operators if its first field starts with {@code $}, otherwise a replacement.
     * {@code arrayFilters} (may be null or empty) name the filters that {@code $[id]} paths use; each must be used.
     */
    public static Update parse(BsonDocument update, List<BsonDocument> arrayFilters) {
        Map<String, Filter> filters = ArrayFilters.parse(arrayFilters == null ? List.of() : arrayFilters);
        if (update.isEmpty() || !update.getFirstKey().startsWith("$")) {
            return new Update(update.clone(), null, filters);
        }
        UpdateParser parser = new UpdateParser(filters);
        for (Map.Entry<String, BsonValue> operator : update.entrySet()) {
            parser.addOperator(operator.getKey(), operator.getValue());
        }
        Set<String> unused = new HashSet<>(filters.keySet());
        unused.removeAll(parser.usedIdentifiers());
        for (String identifier : filters.keySet()) {
            if (unused.contains(identifier)) {
                throw new MongoServerException(
                        ErrorCode.FAILED_TO_PARSE,
                        "The array filter for identifier '" + identifier + "' was not used in the update "
                                + BsonText.document(update));
            }
        }
        return new Update(null, parser.root(), filters);
    }

    /** True for a replacement document, false for update operators. */
    public boolean isReplacement() {
        return replacement != null;
    }

    /**
     * The document {@code original} becomes. {@code details} says which array element the query matched (for the
     * positional {@code $}); it may be null when nothing recorded one. {@code inserting} is true when
     * {@code original} is an upsert's seed ({@link #upsertSeed}), which makes $setOnInsert apply.
     */
    public BsonDocument apply(BsonDocument original, MatchDetails details, boolean inserting) {
        if (replacement != null) {
            return replace(original);
        }
        BsonDocument document = original.clone();
        root.apply(UpdateTarget.root(document), new UpdateContext(document, details, inserting, arrayFilters));
        return idFirst(document);
    }

    /** The document an upsert starts from: the equality conditions of its query ({@link UpsertSeed}). */
    public static BsonDocument upsertSeed(BsonDocument filter) {
        return UpsertSeed.of(filter);
    }

    private BsonDocument replace(BsonDocument original) {
        for (Map.Entry<String, BsonValue> field : replacement.entrySet()) {
            String name = field.getKey();
            if (name.startsWith("$")) {
                throw new MongoServerException(
                        ErrorCode.DOLLAR_PREFIXED_FIELD_NAME,
                        "The dollar ($) prefixed field '" + name + "' in '" + name
                                + "' is not allowed in the context of an update's replacement document. Consider"
                                + " using an aggregation pipeline with $replaceWith.");
            }
        }
        BsonValue oldId = original.get(ID);
        BsonValue newId = replacement.get(ID);
        if (newId != null && oldId != null && BsonOrder.INSTANCE.compare(oldId, newId) != 0) {
            throw new MongoServerException(
                    ErrorCode.IMMUTABLE_FIELD,
                    "After applying the update, the (immutable) field '_id' was found to have been altered to "
                            + BsonText.element(ID, newId));
        }
        BsonValue id = newId != null ? newId : oldId;
        if (id != null
                && (id.isArray()
                        || id.isRegularExpression()
                        || id.getBsonType().name().equals("UNDEFINED"))) {
            throw new MongoServerException(
                    ErrorCode.INVALID_ID_FIELD, "The '_id' value cannot be of type " + BsonText.typeName(id));
        }
        BsonDocument document = new BsonDocument();
        if (id != null) {
            document.put(ID, Modifier.copy(id));
        }
        for (Map.Entry<String, BsonValue> field : replacement.entrySet()) {
            if (!field.getKey().equals(ID)) {
                document.put(field.getKey(), Modifier.copy(field.getValue()));
            }
        }
        return document;
    }

    /** MongoDB keeps {@code _id} the first field, also when an upsert's update created it. */
    private static BsonDocument idFirst(BsonDocument document) {
        if (!document.containsKey(ID) || document.getFirstKey().equals(ID)) {
            return document;
        }
        Map<String, BsonValue> fields = new LinkedHashMap<>();
        fields.put(ID, document.get(ID));
        document.forEach(fields::putIfAbsent);
        BsonDocument ordered = new BsonDocument();
        fields.forEach(ordered::put);
        return ordered;
    }
}
