package io.wrongodb.command;

import io.wrongodb.catalog.CollectionInfo;
import io.wrongodb.catalog.IndexSpec;
import io.wrongodb.storage.Connection;
import io.wrongodb.storage.Session;
import io.wrongodb.storage.TableCursor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;

/**
 * Sizes of one collection, counted by reading its tables: documents and their BSON bytes, and for each index the
 * bytes of its entries (keys and values). The engine keeps no running totals yet, so this reads everything; it
 * is what {@code collStats}, {@code dbStats} and {@code listDatabases} report, with storage size taken equal to
 * the data size (the engine does not track blocks per table).
 */
record CollectionStats(long count, long dataSize, Map<String, Long> indexSizes) {

    static CollectionStats of(Connection storage, CollectionInfo collection) {
        long count = 0;
        long bytes = 0;
        Map<String, Long> indexSizes = new LinkedHashMap<>();
        try (Session session = storage.openSession()) {
            TableCursor documents = session.openCursor(collection.table());
            long idBytes = 0;
            while (documents.next()) {
                byte[] value = documents.value();
                if (value != null) {
                    count++;
                    bytes += value.length;
                    idBytes += documents.key().length * 2L;
                }
            }
            indexSizes.put("_id_", idBytes);
            for (IndexSpec index : collection.indexes()) {
                TableCursor entries = session.openCursor(index.table());
                long size = 0;
                while (entries.next()) {
                    byte[] value = entries.value();
                    size += entries.key().length + (value == null ? 0 : value.length);
                }
                indexSizes.put(index.name(), size);
            }
        }
        return new CollectionStats(count, bytes, indexSizes);
    }

    /**
     * The figures in MongoDB's {@code storageStats} shape, sizes divided by {@code scale}: what {@code collStats}
     * and {@code $collStats: {storageStats}} both report. Orphans, free space and index builds are always zero.
     */
    BsonDocument storageStats(CollectionInfo collection, long scale) {
        BsonDocument sizes = new BsonDocument();
        for (Map.Entry<String, Long> index : indexSizes.entrySet()) {
            sizes.append(index.getKey(), new BsonInt64(index.getValue() / scale));
        }
        return new BsonDocument("size", new BsonInt64(dataSize / scale))
                .append("count", new BsonInt64(count))
                .append("numOrphanDocs", new BsonInt64(0))
                .append("avgObjSize", new BsonInt64(count == 0 ? 0 : dataSize / count))
                .append("storageSize", new BsonInt64(dataSize / scale))
                .append("freeStorageSize", new BsonInt64(0))
                .append("capped", BsonBoolean.FALSE)
                .append("nindexes", new BsonInt32(collection.indexes().size() + 1))
                .append("indexBuilds", new BsonArray())
                .append("totalIndexSize", new BsonInt64(totalIndexSize() / scale))
                .append("totalSize", new BsonInt64((dataSize + totalIndexSize()) / scale))
                .append("indexSizes", sizes)
                .append("scaleFactor", new BsonInt32((int) scale));
    }

    long totalIndexSize() {
        return indexSizes.values().stream().mapToLong(Long::longValue).sum();
    }
}
