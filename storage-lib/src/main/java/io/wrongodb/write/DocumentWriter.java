package io.wrongodb.write;

import io.wrongodb.bson.DocumentBytes;
import io.wrongodb.bson.KeyEncoding;
import io.wrongodb.bson.ShellFormat;
import io.wrongodb.bson.TypeNames;
import io.wrongodb.catalog.Catalog;
import io.wrongodb.catalog.CollectionInfo;
import io.wrongodb.catalog.IndexSpec;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.IndexKeys;
import io.wrongodb.storage.Session;
import io.wrongodb.storage.TableCursor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;
import org.bson.BsonValue;

/**
 * Inserts, replaces and deletes one document of a collection inside the session's running transaction: the
 * document under its key-encoded {@code _id} in the collection's table, and its keys in each index's table. A
 * second document with the same {@code _id}, or with the same values in a unique index, is DuplicateKey (11000)
 * with MongoDB's {@code keyPattern} and {@code keyValue}.
 */
public final class DocumentWriter {
    /** The largest document a collection holds: 16 MiB of BSON. */
    public static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;
    /**
     * The deepest nesting of documents and arrays a stored document may have, the document itself counting as the
     * first level and empty ones not counting: MongoDB's BSON depth limit of 200 less the 20 levels it keeps for
     * oplog entries and replies.
     */
    public static final int MAX_NESTING_DEPTH = 180;

    private final Catalog catalog;

    public DocumentWriter(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Inserts {@code document}, giving it an ObjectId {@code _id} first if it has none and moving {@code _id} to the
     * front; returns the document as stored.
     */
    public BsonDocument insert(Session session, CollectionInfo collection, BsonDocument document) {
        BsonDocument stored = withIdFirst(document);
        byte[] bytes = DocumentBytes.encode(stored);
        if (bytes.length > MAX_DOCUMENT_BYTES) {
            throw new MongoServerException(
                    ErrorCode.BSON_OBJECT_TOO_LARGE,
                    "object to insert too large. size in bytes: " + bytes.length + ", max size: " + MAX_DOCUMENT_BYTES);
        }
        if (tooDeep(stored, 1)) {
            throw new MongoServerException(
                    ErrorCode.OVERFLOW,
                    "cannot insert document because it exceeds " + MAX_NESTING_DEPTH + " levels of nesting");
        }
        byte[] id = KeyEncoding.encode(stored.get("_id"));
        TableCursor documents = session.openCursor(collection.table());
        if (!documents.insert(id, bytes)) {
            throw duplicate(collection, "_id_", new BsonDocument("_id", new BsonInt32(1)), List.of(stored.get("_id")));
        }
        for (IndexSpec index : collection.indexes()) {
            IndexKeys keys = new IndexKeys(index);
            IndexKeys.Keys added = keys.of(stored);
            noteMultikey(collection, index, added);
            addKeys(session, collection, keys, added.keys(), id, stored);
        }
        return stored;
    }

    /** Replaces {@code before} by {@code after} (same {@code _id}), changing only the index entries that differ. */
    public void replace(Session session, CollectionInfo collection, BsonDocument before, BsonDocument after) {
        byte[] bytes = DocumentBytes.encode(after);
        if (bytes.length > MAX_DOCUMENT_BYTES) {
            throw MongoServerException.location(
                    17419, "Resulting document after update is larger than " + MAX_DOCUMENT_BYTES);
        }
        if (tooDeep(after, 1)) {
            throw new MongoServerException(
                    ErrorCode.OVERFLOW, "Document exceeds maximum nesting depth of " + MAX_NESTING_DEPTH);
        }
        byte[] id = KeyEncoding.encode(after.get("_id"));
        session.openCursor(collection.table()).update(id, bytes);
        for (IndexSpec index : collection.indexes()) {
            IndexKeys keys = new IndexKeys(index);
            List<byte[]> old = keys.of(before).keys();
            IndexKeys.Keys added = keys.of(after);
            noteMultikey(collection, index, added);
            List<byte[]> now = added.keys();
            removeKeys(session, keys, minus(old, now), id);
            addKeys(session, collection, keys, minus(now, old), id, after);
        }
    }

    /** Deletes {@code document} and its index entries. */
    public static void delete(Session session, CollectionInfo collection, BsonDocument document) {
        byte[] id = KeyEncoding.encode(document.get("_id"));
        session.openCursor(collection.table()).remove(id);
        for (IndexSpec index : collection.indexes()) {
            IndexKeys keys = new IndexKeys(index);
            removeKeys(session, keys, keys.of(document).keys(), id);
        }
    }

    /** Marks the index multikey in the catalog the first time a document puts an array into it. */
    private void noteMultikey(CollectionInfo collection, IndexSpec index, IndexKeys.Keys keys) {
        if (keys.multikey() && !index.multikey()) {
            IndexSpec current =
                    catalog.require(collection.namespace()).index(index.name()).orElse(index);
            if (!current.multikey()) {
                catalog.markMultikey(collection.namespace(), index.name());
            }
        }
    }

    /** Adds one document's keys to one index; used by inserts and by index builds. */
    public static void addKeys(
            Session session,
            CollectionInfo collection,
            IndexKeys keys,
            List<byte[]> fieldKeys,
            byte[] id,
            BsonDocument document) {
        if (fieldKeys.isEmpty()) {
            return;
        }
        TableCursor entries = session.openCursor(keys.spec().table());
        for (byte[] fieldKey : fieldKeys) {
            if (!entries.insert(keys.entryKey(fieldKey, id), id)) {
                if (keys.spec().unique()) {
                    throw duplicate(collection, keys.spec().name(), keys.spec().key(), keyValues(keys, document));
                }
            }
        }
    }

    private static void removeKeys(Session session, IndexKeys keys, List<byte[]> fieldKeys, byte[] id) {
        if (fieldKeys.isEmpty()) {
            return;
        }
        TableCursor entries = session.openCursor(keys.spec().table());
        for (byte[] fieldKey : fieldKeys) {
            entries.remove(keys.entryKey(fieldKey, id));
        }
    }

    private static List<byte[]> minus(List<byte[]> a, List<byte[]> b) {
        List<byte[]> result = new ArrayList<>();
        for (byte[] key : a) {
            if (b.stream().noneMatch(other -> Arrays.equals(other, key))) {
                result.add(key);
            }
        }
        return result;
    }

    /** The document with {@code _id} first, generated as an ObjectId when missing; checks the {@code _id} type. */
    public static BsonDocument withIdFirst(BsonDocument document) {
        BsonValue id = document.get("_id");
        if (id == null) {
            id = new BsonObjectId();
        } else if (id.isArray() || id.isRegularExpression() || id.getBsonType() == org.bson.BsonType.UNDEFINED) {
            throw new MongoServerException(
                    ErrorCode.INVALID_ID_FIELD, "The '_id' value cannot be of type " + TypeNames.of(id));
        }
        if (!document.isEmpty() && document.getFirstKey().equals("_id")) {
            return document;
        }
        BsonDocument ordered = new BsonDocument("_id", id);
        for (var field : document.entrySet()) {
            if (!field.getKey().equals("_id")) {
                ordered.append(field.getKey(), field.getValue());
            }
        }
        return ordered;
    }

    /** True when a non-empty document or array inside {@code value}, at {@code level}, lies past the limit. */
    private static boolean tooDeep(BsonValue value, int level) {
        Iterable<BsonValue> children;
        if (value.isDocument()) {
            children = value.asDocument().values();
        } else if (value.isArray()) {
            children = value.asArray();
        } else {
            return false;
        }
        for (BsonValue child : children) {
            boolean nonEmpty = (child.isDocument() && !child.asDocument().isEmpty())
                    || (child.isArray() && !child.asArray().isEmpty());
            if (nonEmpty && (level == MAX_NESTING_DEPTH || tooDeep(child, level + 1))) {
                return true;
            }
        }
        return false;
    }

    /** The values of the first key of {@code document} in the index, for the DuplicateKey error. */
    private static List<BsonValue> keyValues(IndexKeys keys, BsonDocument document) {
        List<BsonValue> values = new ArrayList<>();
        for (String field : keys.spec().fields()) {
            List<BsonValue> found = new ArrayList<>();
            IndexKeys.valuesAt(document, field, found);
            values.add(found.isEmpty() ? org.bson.BsonNull.VALUE : found.get(0));
        }
        return values;
    }

    /** DuplicateKey (11000) as MongoDB words it, with {@code keyPattern} and {@code keyValue}. */
    static MongoServerException duplicate(
            CollectionInfo collection, String indexName, BsonDocument keyPattern, List<BsonValue> values) {
        BsonDocument keyValue = new BsonDocument();
        int i = 0;
        for (String field : keyPattern.keySet()) {
            keyValue.append(field, values.get(i++));
        }
        String message = "E11000 duplicate key error collection: "
                + collection.namespace().full() + " index: " + indexName + " dup key: " + ShellFormat.of(keyValue);
        return new MongoServerException(ErrorCode.DUPLICATE_KEY, message)
                .with("keyPattern", keyPattern.clone())
                .with("keyValue", keyValue);
    }
}
