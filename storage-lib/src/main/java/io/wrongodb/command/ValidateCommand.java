package io.wrongodb.command;

import io.wrongodb.bson.DocumentBytes;
import io.wrongodb.bson.KeyEncoding;
import io.wrongodb.catalog.CollectionInfo;
import io.wrongodb.catalog.IndexSpec;
import io.wrongodb.catalog.Namespace;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.IndexKeys;
import io.wrongodb.storage.Session;
import io.wrongodb.storage.TableCursor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * {@code validate}: checks a collection against itself, in one snapshot and under the collection's shared lock (so
 * its indexes cannot change meanwhile, while writes go on). Every stored document must decode as BSON of exactly its
 * stored length, have an {@code _id}, and be stored under the key-encoded {@code _id}. For every secondary index,
 * the keys each document puts into it ({@link IndexKeys}, the writer's own code) must be in the index table with the
 * document's {@code _id} as value (else a missing entry), and every entry of the table must be one of those keys of
 * the document its value names (else an extra entry). A document that puts an array into an index not marked
 * multikey is an error too. {@code full} is accepted and changes nothing: every check always reads everything.
 *
 * <p>The reply has mongod 7.0's fields. WrongoDB has no record ids, so the entries of {@code missingIndexEntries}
 * and {@code extraIndexEntries} name documents by {@code idKey} only, and an extra entry's key, which WrongoDB cannot
 * decode back into values, is given as the hex of its encoded bytes ({@code keyBytes}). {@code repair} and
 * {@code metadata} are not supported (238).
 */
public final class ValidateCommand implements Command {
    /** At most this many missing, extra and corrupt entries are listed; all of them are counted. */
    static final int MAX_LISTED = 1000;

    private final Store store;

    public ValidateCommand(Store store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "validate";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        Namespace ns = Arguments.namespace(request);
        store.catalog().requireNotView(ns);
        Arguments args = new Arguments(request);
        args.bool("full", false);
        args.bool("background", false);
        if (args.bool("repair", false)) {
            throw new MongoServerException(
                    ErrorCode.NOT_IMPLEMENTED, "validate with { repair: true } is not supported");
        }
        if (args.bool("metadata", false)) {
            throw new MongoServerException(
                    ErrorCode.NOT_IMPLEMENTED, "validate with { metadata: true } is not supported");
        }
        if (store.catalog().collection(ns).isEmpty()) {
            throw new MongoServerException(
                    ErrorCode.NAMESPACE_NOT_FOUND, "Collection '" + ns.full() + "' does not exist to validate.");
        }
        Lock shared = store.catalog().lock(ns).readLock();
        shared.lock();
        try (Session session = store.storage().openSession()) {
            // The snapshot first, the catalog second: a write marks an index multikey before it commits, so every
            // document of the snapshot that holds an array has its mark in the catalog read after it.
            session.begin();
            try {
                CollectionInfo info = store.catalog()
                        .collection(ns)
                        .orElseThrow(() -> new MongoServerException(
                                ErrorCode.NAMESPACE_NOT_FOUND,
                                "Collection '" + ns.full() + "' does not exist to validate."));
                return new Check(session, info).run();
            } finally {
                session.rollback();
            }
        } finally {
            shared.unlock();
        }
    }

    /** One validation: the counts and findings gathered while reading the collection's tables. */
    private static final class Check {
        private final Session session;
        private final CollectionInfo info;
        private final List<IndexKeys> indexes = new ArrayList<>();
        private final Map<String, Long> keysPerIndex = new LinkedHashMap<>();
        private final Map<String, Boolean> indexValid = new LinkedHashMap<>();
        private final List<String> errors = new ArrayList<>();
        private final BsonArray missing = new BsonArray();
        private final BsonArray extra = new BsonArray();
        private final BsonArray corrupt = new BsonArray();
        private long records;
        private long invalidDocuments;
        private long missingCount;
        private long extraCount;

        Check(Session session, CollectionInfo info) {
            this.session = session;
            this.info = info;
            keysPerIndex.put("_id_", 0L);
            indexValid.put("_id_", true);
            for (IndexSpec index : info.indexes()) {
                indexes.add(new IndexKeys(index));
                keysPerIndex.put(index.name(), 0L);
                indexValid.put(index.name(), true);
            }
        }

        BsonDocument run() {
            checkDocuments();
            for (IndexKeys index : indexes) {
                checkIndexEntries(index);
            }
            if (invalidDocuments > 0) {
                errors.add(0, "Detected one or more invalid documents. See logs.");
            }
            if (missingCount > 0) {
                errors.add("Detected " + missingCount + " missing index entries.");
            }
            if (extraCount > 0) {
                errors.add("Detected " + extraCount + " extra index entries.");
            }
            return reply();
        }

        /** Reads every document: it must decode, sit under its own {@code _id}, and have its index entries. */
        private void checkDocuments() {
            TableCursor documents = session.openCursor(info.table());
            List<TableCursor> entries = new ArrayList<>();
            for (IndexKeys index : indexes) {
                entries.add(session.openCursor(index.spec().table()));
            }
            while (documents.next()) {
                byte[] value = documents.value();
                if (value == null) {
                    continue;
                }
                records++;
                byte[] key = documents.key();
                BsonDocument document = decode(value);
                if (document == null) {
                    invalidDocument(key, "Document stored under key " + hex(key) + " is not valid BSON.");
                    continue;
                }
                BsonValue id = document.get("_id");
                if (id == null) {
                    invalidDocument(key, "Document stored under key " + hex(key) + " has no _id.");
                    continue;
                }
                if (!Arrays.equals(KeyEncoding.encode(id), key)) {
                    invalidDocument(
                            key,
                            "Document with _id " + id + " is stored under key " + hex(key) + ", not under its _id.");
                    continue;
                }
                for (int i = 0; i < indexes.size(); i++) {
                    checkEntriesOf(document, key, indexes.get(i), entries.get(i));
                }
            }
            keysPerIndex.put("_id_", records);
        }

        private void checkEntriesOf(BsonDocument document, byte[] id, IndexKeys index, TableCursor entries) {
            IndexKeys.Keys keys;
            try {
                keys = index.of(document);
            } catch (MongoServerException e) {
                indexInvalid(index.spec().name());
                errors.add("Document with _id " + document.get("_id") + " cannot be indexed in '"
                        + index.spec().name() + "': " + e.getMessage());
                return;
            }
            if (keys.multikey() && !index.spec().multikey()) {
                indexInvalid(index.spec().name());
                errors.add("Index with name '" + index.spec().name() + "' is not multikey but the document with _id "
                        + document.get("_id") + " holds an array in its key.");
            }
            for (byte[] fieldKey : keys.keys()) {
                byte[] entryKey = index.entryKey(fieldKey, id);
                if (!entries.search(entryKey) || !Arrays.equals(entries.value(), id)) {
                    missingCount++;
                    indexInvalid(index.spec().name());
                    if (missing.size() < MAX_LISTED) {
                        missing.add(new BsonDocument(
                                        "indexName", new BsonString(index.spec().name()))
                                .append("idKey", new BsonDocument("_id", document.get("_id")))
                                .append("indexKey", keyValues(index, document, fieldKey)));
                    }
                }
            }
        }

        /** Reads every entry of one index: the document its value names must exist and put exactly that key. */
        private void checkIndexEntries(IndexKeys index) {
            TableCursor entries = session.openCursor(index.spec().table());
            TableCursor documents = session.openCursor(info.table());
            long count = 0;
            while (entries.next()) {
                byte[] id = entries.value();
                if (id == null) {
                    continue;
                }
                count++;
                byte[] entryKey = entries.key();
                BsonDocument document = documents.search(id) ? decode(documents.value()) : null;
                if (document == null || !putsKey(index, document, id, entryKey)) {
                    extraCount++;
                    indexInvalid(index.spec().name());
                    if (extra.size() < MAX_LISTED) {
                        BsonDocument entry = new BsonDocument(
                                "indexName", new BsonString(index.spec().name()));
                        if (document != null && document.containsKey("_id")) {
                            entry.append("idKey", new BsonDocument("_id", document.get("_id")));
                        }
                        extra.add(entry.append("keyBytes", new BsonString(hex(entryKey))));
                    }
                }
            }
            keysPerIndex.put(index.spec().name(), count);
        }

        private static boolean putsKey(IndexKeys index, BsonDocument document, byte[] id, byte[] entryKey) {
            try {
                for (byte[] fieldKey : index.of(document).keys()) {
                    if (Arrays.equals(index.entryKey(fieldKey, id), entryKey)) {
                        return true;
                    }
                }
                return false;
            } catch (MongoServerException e) {
                return false;
            }
        }

        private void invalidDocument(byte[] key, String error) {
            invalidDocuments++;
            errors.add(error);
            if (corrupt.size() < MAX_LISTED) {
                corrupt.add(new BsonString(hex(key)));
            }
        }

        private void indexInvalid(String name) {
            indexValid.put(name, false);
        }

        private BsonDocument reply() {
            boolean valid = errors.isEmpty();
            BsonDocument keys = new BsonDocument();
            keysPerIndex.forEach((name, n) -> keys.append(name, number(n)));
            BsonDocument details = new BsonDocument();
            indexValid.forEach((name, ok) -> details.append(name, new BsonDocument("valid", BsonBoolean.valueOf(ok))));
            BsonArray errorList = new BsonArray();
            errors.forEach(error -> errorList.add(new BsonString(error)));
            BsonDocument reply = new BsonDocument(
                            "ns", new BsonString(info.namespace().full()))
                    .append("uuid", info.uuidBinary())
                    .append("nInvalidDocuments", number(invalidDocuments))
                    .append("nNonCompliantDocuments", number(0))
                    .append("nrecords", number(records))
                    .append("nIndexes", number(indexes.size() + 1))
                    .append("keysPerIndex", keys)
                    .append("indexDetails", details)
                    .append("valid", BsonBoolean.valueOf(valid))
                    .append("repaired", BsonBoolean.FALSE)
                    .append("warnings", new BsonArray())
                    .append("errors", errorList)
                    .append("extraIndexEntries", extra)
                    .append("missingIndexEntries", missing)
                    .append("corruptRecords", corrupt);
            if (!valid) {
                reply.append(
                        "advice",
                        new BsonString("A corrupt namespace has been detected. See "
                                + "http://dochub.mongodb.org/core/data-recovery for recovery steps."));
            }
            return reply;
        }
    }

    /**
     * The values of one key of a document in an index, as {@code {field: value}}: the combination of the document's
     * values (one per field, arrays expanded) whose encoding is {@code fieldKey}.
     */
    private static BsonDocument keyValues(IndexKeys index, BsonDocument document, byte[] fieldKey) {
        List<String> fields = index.spec().fields();
        List<List<BsonValue>> perField = new ArrayList<>();
        for (String field : fields) {
            List<BsonValue> values = new ArrayList<>();
            IndexKeys.valuesAt(document, field, values);
            if (values.isEmpty()) {
                values.add(BsonNull.VALUE);
            }
            perField.add(values);
        }
        List<BsonValue> chosen = combination(index, perField, new ArrayList<>(), fieldKey);
        BsonDocument key = new BsonDocument();
        for (int i = 0; i < fields.size(); i++) {
            key.append(fields.get(i), chosen == null ? perField.get(i).get(0) : chosen.get(i));
        }
        return key;
    }

    private static List<BsonValue> combination(
            IndexKeys index, List<List<BsonValue>> perField, List<BsonValue> chosen, byte[] fieldKey) {
        if (chosen.size() == perField.size()) {
            return Arrays.equals(index.encode(chosen), fieldKey) ? new ArrayList<>(chosen) : null;
        }
        for (BsonValue value : perField.get(chosen.size())) {
            chosen.add(value);
            List<BsonValue> found = combination(index, perField, chosen, fieldKey);
            chosen.remove(chosen.size() - 1);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The document, or null when the bytes are not one whole BSON document. */
    private static BsonDocument decode(byte[] bytes) {
        if (bytes == null || bytes.length < 5) {
            return null;
        }
        int length = (bytes[0] & 0xff) | (bytes[1] & 0xff) << 8 | (bytes[2] & 0xff) << 16 | (bytes[3] & 0xff) << 24;
        if (length != bytes.length || bytes[bytes.length - 1] != 0) {
            return null;
        }
        try {
            return DocumentBytes.decode(bytes);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static BsonValue number(long n) {
        return n <= Integer.MAX_VALUE ? new BsonInt32((int) n) : new BsonInt64(n);
    }
}
