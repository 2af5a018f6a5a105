package io.wrongodb.catalog;

import java.util.ArrayList;
import java.util.List;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * One secondary index of a collection: its name, key pattern ({@code {a: 1, b: -1}}), options, and the engine
 * table that holds its entries. The {@code _id} index is not one of these: collections are clustered by
 * {@code _id}, so the collection's own table is that index.
 *
 * <p>Index entry layout in its table: key = key-encoded index fields (each in its direction), followed by the
 * key-encoded {@code _id} unless the index is unique; value = the key-encoded {@code _id}, which finds the document.
 * A unique index's key is the fields alone, so two documents with the same values are the same key (a duplicate, or
 * a write conflict between two transactions). See docs/key-encoding.md.
 */
public record IndexSpec(
        String name,
        BsonDocument key,
        boolean unique,
        boolean sparse,
        BsonDocument partialFilter,
        String table,
        boolean multikey,
        Long expireAfterSeconds) {

    /** An index without a time to live. */
    public IndexSpec(
            String name,
            BsonDocument key,
            boolean unique,
            boolean sparse,
            BsonDocument partialFilter,
            String table,
            boolean multikey) {
        this(name, key, unique, sparse, partialFilter, table, multikey, null);
    }

    /** The same index, known to hold an array in some document (so bounds on one field cannot be intersected). */
    public IndexSpec asMultikey() {
        return new IndexSpec(name, key, unique, sparse, partialFilter, table, true, expireAfterSeconds);
    }

    /** The same index, its entries kept in {@code table}. */
    public IndexSpec withTable(String table) {
        return new IndexSpec(name, key, unique, sparse, partialFilter, table, multikey, expireAfterSeconds);
    }

    /** The same index with a time to live: documents whose date in the key field is older expire. */
    public IndexSpec withExpireAfterSeconds(Long seconds) {
        return new IndexSpec(name, key, unique, sparse, partialFilter, table, multikey, seconds);
    }

    /** The field paths of the key pattern, in order. */
    public List<String> fields() {
        return new ArrayList<>(key.keySet());
    }

    /** True if field {@code i} of the key is descending. */
    public boolean descending(int i) {
        BsonValue direction = key.get(fields().get(i));
        return direction.isNumber() && direction.asNumber().doubleValue() < 0;
    }

    /**
     * The document {@code listIndexes} shows:
     * {@code {v: 2, key, name, unique?, sparse?, partialFilterExpression?, expireAfterSeconds?}}.
     */
    public BsonDocument describe() {
        BsonDocument doc = new BsonDocument("v", new BsonInt32(2))
                .append("key", key.clone())
                .append("name", new BsonString(name));
        if (unique) {
            doc.append("unique", BsonBoolean.TRUE);
        }
        if (sparse) {
            doc.append("sparse", BsonBoolean.TRUE);
        }
        if (partialFilter != null) {
            doc.append("partialFilterExpression", partialFilter.clone());
        }
        if (expireAfterSeconds != null) {
            doc.append(
                    "expireAfterSeconds",
                    expireAfterSeconds == expireAfterSeconds.intValue()
                            ? new BsonInt32(expireAfterSeconds.intValue())
                            : new org.bson.BsonInt64(expireAfterSeconds));
        }
        return doc;
    }

    BsonDocument toStored() {
        BsonDocument doc = describe();
        doc.append("table", new BsonString(table));
        doc.append("multikey", BsonBoolean.valueOf(multikey));
        return doc;
    }

    static IndexSpec fromStored(BsonDocument doc) {
        return new IndexSpec(
                doc.getString("name").getValue(),
                doc.getDocument("key"),
                doc.getBoolean("unique", BsonBoolean.FALSE).getValue(),
                doc.getBoolean("sparse", BsonBoolean.FALSE).getValue(),
                doc.containsKey("partialFilterExpression") ? doc.getDocument("partialFilterExpression") : null,
                doc.getString("table").getValue(),
                doc.getBoolean("multikey", BsonBoolean.FALSE).getValue(),
                doc.containsKey("expireAfterSeconds")
                        ? doc.get("expireAfterSeconds").asNumber().longValue()
                        : null);
    }
}
