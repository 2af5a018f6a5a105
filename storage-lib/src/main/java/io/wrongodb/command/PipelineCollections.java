package io.wrongodb.command;

import io.wrongodb.aggregate.CollectionAccess;
import io.wrongodb.catalog.Catalog;
import io.wrongodb.catalog.CollectionInfo;
import io.wrongodb.catalog.IndexSpec;
import io.wrongodb.catalog.Namespace;
import io.wrongodb.query.Filter;
import io.wrongodb.write.IndexBuild;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.bson.BsonDocument;

/**
 * The collections an aggregation pipeline reads and writes, served by the {@link Store}: reads go through the query
 * planner (so a {@code $lookup} uses the foreign collection's indexes), writes through the document writer in the
 * store's transactions (so the target's indexes are maintained), as for {@code find} and {@code insert}.
 */
final class PipelineCollections implements CollectionAccess {
    /** Documents {@code $out} writes per transaction, so a big result is not one huge transaction. */
    static final int OUT_BATCH = 1000;

    private final Store store;
    private final String database;
    private final String collection;

    PipelineCollections(Store store, String database, String collection) {
        this.store = store;
        this.database = database;
        this.collection = collection;
    }

    @Override
    public String database() {
        return database;
    }

    @Override
    public String collection() {
        return collection;
    }

    @Override
    public CollectionAccess on(String other) {
        return new PipelineCollections(store, database, other);
    }

    @Override
    public List<BsonDocument> read(String name, BsonDocument filter) {
        return ViewReads.matching(store, Namespace.of(database, name), Filter.parse(filter), null);
    }

    @Override
    public String host() {
        return ServerProcess.machineName();
    }

    @Override
    public Long count() {
        CollectionInfo info = info();
        return info == null ? null : CollectionStats.of(store.storage(), info).count();
    }

    @Override
    public BsonDocument storageStats(long scale) {
        CollectionInfo info = info();
        return info == null ? null : CollectionStats.of(store.storage(), info).storageStats(info, scale);
    }

    private CollectionInfo info() {
        return collection == null
                ? null
                : store.catalog().collection(Namespace.of(database, collection)).orElse(null);
    }

    /**
     * As MongoDB's {@code $out} does: a temporary collection with the target's options and indexes receives the
     * documents, then is renamed over the target (dropping it). On failure the temporary collection is dropped and
     * the target is left as it was.
     */
    @Override
    public void replaceContents(String db, String name, List<BsonDocument> documents) {
        Catalog catalog = store.catalog();
        Namespace target = Namespace.of(db, name);
        if (target.isSystem()) {
            throw new io.wrongodb.error.MongoServerException(
                    io.wrongodb.error.ErrorCode.INVALID_NAMESPACE, "Invalid $out target namespace, " + target.full());
        }
        catalog.requireNotView(target);
        CollectionInfo existing = catalog.collection(target).orElse(null);
        Namespace temporary = Namespace.of(db, "tmp.agg_out." + UUID.randomUUID());
        catalog.create(temporary, existing == null ? new BsonDocument() : existing.options());
        try {
            if (existing != null) {
                for (IndexSpec index : existing.indexes()) {
                    IndexBuild.build(catalog, temporary, index);
                }
            }
            for (int from = 0; from < documents.size(); from += OUT_BATCH) {
                List<BsonDocument> batch = documents.subList(from, Math.min(documents.size(), from + OUT_BATCH));
                store.write(temporary, false, null, tx -> {
                    for (BsonDocument document : batch) {
                        store.writer().insert(tx.session(), tx.collection(), document);
                    }
                    return null;
                });
            }
            catalog.rename(temporary, target, true);
        } catch (RuntimeException e) {
            catalog.drop(temporary);
            throw e;
        }
    }

    @Override
    public boolean hasUniqueIndex(String db, String name, Set<String> fields) {
        if (fields.equals(Set.of("_id"))) {
            return true;
        }
        CollectionInfo info = store.catalog().collection(Namespace.of(db, name)).orElse(null);
        if (info == null) {
            return false;
        }
        for (IndexSpec index : info.indexes()) {
            if (index.unique() && index.partialFilter() == null && new HashSet<>(index.fields()).equals(fields)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void writeOne(String db, String name, BsonDocument match, UnaryOperator<BsonDocument> decide) {
        store.write(Namespace.of(db, name), true, null, tx -> {
            List<BsonDocument> found = Store.matching(tx.session(), tx.collection(), Filter.parse(match), null, 1);
            BsonDocument existing = found.isEmpty() ? null : found.get(0);
            BsonDocument after = decide.apply(existing);
            if (after != null) {
                if (existing == null) {
                    store.writer().insert(tx.session(), tx.collection(), after);
                } else {
                    store.writer().replace(tx.session(), tx.collection(), existing, after);
                }
            }
            return null;
        });
    }
}
