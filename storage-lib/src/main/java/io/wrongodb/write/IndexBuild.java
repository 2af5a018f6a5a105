package io.wrongodb.write;

import io.wrongodb.bson.DocumentBytes;
import io.wrongodb.bson.KeyEncoding;
import io.wrongodb.catalog.Catalog;
import io.wrongodb.catalog.CollectionInfo;
import io.wrongodb.catalog.IndexSpec;
import io.wrongodb.catalog.Namespace;
import io.wrongodb.query.IndexKeys;
import io.wrongodb.storage.Session;
import io.wrongodb.storage.TableCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;
import org.bson.BsonDocument;

/**
 * Builds a new index over the documents a collection already holds, then adds it to the catalog. The build holds
 * the collection's lock exclusive, so no write runs while it reads (the index is consistent with the collection
 * when it appears), and writes its entries in transactions of {@value #BATCH} documents, so a big collection does
 * not make one huge transaction. If it fails (a duplicate in a unique index) its table is dropped; if the node
 * crashes first, the catalog never named the table and the next start drops it.
 */
public final class IndexBuild {
    static final int BATCH = 1000;

    private IndexBuild() {}

    /** Builds {@code index} (its table field is ignored) and returns the collection with it. */
    public static CollectionInfo build(Catalog catalog, Namespace ns, IndexSpec index) {
        Lock exclusive = catalog.lock(ns).writeLock();
        exclusive.lock();
        try {
            CollectionInfo collection = catalog.require(ns);
            String table = catalog.createIndexTable();
            IndexSpec withTable = index.withTable(table);
            try {
                boolean multikey = fill(catalog, collection, withTable);
                return catalog.addIndex(ns, multikey ? withTable.asMultikey() : withTable);
            } catch (RuntimeException e) {
                catalog.dropIndexTable(table);
                throw e;
            }
        } finally {
            exclusive.unlock();
        }
    }

    private static boolean fill(Catalog catalog, CollectionInfo collection, IndexSpec index) {
        IndexKeys keys = new IndexKeys(index);
        boolean multikey = false;
        List<BsonDocument> batch = new ArrayList<>();
        try (Session reader = catalog.storage().openSession();
                Session writer = catalog.storage().openSession()) {
            TableCursor documents = reader.openCursor(collection.table());
            boolean more = true;
            while (more) {
                batch.clear();
                while (batch.size() < BATCH && (more = documents.next())) {
                    byte[] value = documents.value();
                    if (value != null) {
                        batch.add(DocumentBytes.decode(value));
                    }
                }
                if (batch.isEmpty()) {
                    break;
                }
                for (BsonDocument document : batch) {
                    multikey |= keys.of(document).multikey();
                }
                writer.withTransaction(s -> {
                    for (BsonDocument document : batch) {
                        byte[] id = KeyEncoding.encode(document.get("_id"));
                        DocumentWriter.addKeys(
                                s, collection, keys, keys.of(document).keys(), id, document);
                    }
                    return null;
                });
            }
        }
        return multikey;
    }
}
