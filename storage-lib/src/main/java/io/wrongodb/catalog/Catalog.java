package io.wrongodb.catalog;

import io.wrongodb.bson.DocumentBytes;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import io.wrongodb.storage.Connection;
import io.wrongodb.storage.Session;
import io.wrongodb.storage.TableCursor;
import io.wrongodb.storage.wal.CommitMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.bson.BsonDocument;

/**
 * The databases and collections of a node, durable in the engine table {@value #TABLE}: one entry per collection,
 * keyed by its namespace (UTF-8), whose value is the BSON of its {@link CollectionInfo}. Views, which share the
 * namespaces but hold no documents, are entries of {@value #VIEW_TABLE} ({@link ViewDefinition}). Loaded into memory at open;
 * every change is written through a transaction that commits with an fsync before the change is visible here.
 *
 * <p>Creating a collection or index creates its engine table first (the engine logs that by itself) and commits the
 * catalog entry second; dropping removes the entry first and the table second. A crash between the two steps leaves
 * a table no entry names, and {@link #open} drops those. So the catalog and the tables never disagree in a way a
 * client can see.
 *
 * <p>Each collection has a lock: writes of documents hold it shared, while building or dropping an index, dropping
 * or renaming the collection hold it exclusive, so a writer always sees one set of indexes from start to commit.
 */
public final class Catalog {
    public static final String TABLE = "_catalog";
    /** The engine table of views: namespace → {@code {ns, options: {viewOn, pipeline}}}. */
    public static final String VIEW_TABLE = "_views";

    static final String COLLECTION_TABLE_PREFIX = "collection-";
    static final String INDEX_TABLE_PREFIX = "index-";

    private final Connection storage;
    private final ReentrantLock ddl = new ReentrantLock();
    private final ConcurrentMap<String, CollectionInfo> byNamespace = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ReentrantReadWriteLock> locks = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ViewDefinition> views = new ConcurrentHashMap<>();

    private Catalog(Connection storage) {
        this.storage = storage;
    }

    /** Loads the catalog from the engine (creating its table on a new data directory) and drops orphan tables. */
    public static Catalog open(Connection storage) {
        storage.createTable(TABLE);
        storage.createTable(VIEW_TABLE);
        Catalog catalog = new Catalog(storage);
        try (Session session = storage.openSession()) {
            TableCursor cursor = session.openCursor(TABLE);
            while (cursor.next()) {
                CollectionInfo info = CollectionInfo.fromStored(DocumentBytes.decode(cursor.value()));
                catalog.byNamespace.put(info.namespace().full(), info);
            }
            TableCursor views = session.openCursor(VIEW_TABLE);
            while (views.next()) {
                ViewDefinition view = ViewDefinition.fromStored(DocumentBytes.decode(views.value()));
                catalog.views.put(view.namespace().full(), view);
            }
        }
        catalog.dropOrphanTables();
        return catalog;
    }

    private void dropOrphanTables() {
        Set<String> named = new HashSet<>();
        for (CollectionInfo info : byNamespace.values()) {
            named.add(info.table());
            info.indexes().forEach(index -> named.add(index.table()));
        }
        for (String table : storage.tableNames()) {
            boolean ours = table.startsWith(COLLECTION_TABLE_PREFIX) || table.startsWith(INDEX_TABLE_PREFIX);
            if (ours && !named.contains(table)) {
                storage.dropTable(table);
            }
        }
    }

    public Connection storage() {
        return storage;
    }

    public Optional<CollectionInfo> collection(Namespace ns) {
        return Optional.ofNullable(byNamespace.get(ns.full()));
    }

    /** The collection, or NamespaceNotFound (26) as MongoDB words it for a missing collection. */
    public CollectionInfo require(Namespace ns) {
        return collection(ns)
                .orElseThrow(() -> new MongoServerException(ErrorCode.NAMESPACE_NOT_FOUND, "ns does not exist"));
    }

    /** The collections of {@code database}, by name. */
    public List<CollectionInfo> collections(String database) {
        List<CollectionInfo> result = new ArrayList<>();
        for (CollectionInfo info : byNamespace.values()) {
            if (info.namespace().database().equals(database)) {
                result.add(info);
            }
        }
        result.sort(Comparator.comparing(i -> i.namespace().collection()));
        return result;
    }

    /** The databases that hold at least one collection or view, by name. */
    public SortedSet<String> databases() {
        SortedSet<String> names = new TreeSet<>();
        byNamespace.values().forEach(info -> names.add(info.namespace().database()));
        views.values().forEach(view -> names.add(view.namespace().database()));
        return names;
    }

    public Optional<ViewDefinition> view(Namespace ns) {
        return Optional.ofNullable(views.get(ns.full()));
    }

    /** The views of {@code database}, by name. */
    public List<ViewDefinition> views(String database) {
        List<ViewDefinition> result = new ArrayList<>();
        for (ViewDefinition view : views.values()) {
            if (view.namespace().database().equals(database)) {
                result.add(view);
            }
        }
        result.sort(Comparator.comparing(v -> v.namespace().collection()));
        return result;
    }

    /** Creates a view; NamespaceExists (48) if a collection or view has its name. */
    public ViewDefinition createView(ViewDefinition view) {
        Namespace ns = view.namespace();
        if (ns.isSystem()) {
            throw new MongoServerException(ErrorCode.INVALID_NAMESPACE, "Invalid system namespace: " + ns.full());
        }
        ddl.lock();
        try {
            if (byNamespace.containsKey(ns.full()) || views.containsKey(ns.full())) {
                throw new MongoServerException(
                        ErrorCode.NAMESPACE_EXISTS, "Namespace " + ns.full() + " already exists");
            }
            putEntry(VIEW_TABLE, ns, view.toStored());
            views.put(ns.full(), view);
            return view;
        } finally {
            ddl.unlock();
        }
    }

    private boolean dropView(Namespace ns) {
        if (!views.containsKey(ns.full())) {
            return false;
        }
        removeEntry(VIEW_TABLE, ns);
        views.remove(ns.full());
        return true;
    }

    /** CommandNotSupportedOnView (166) when {@code ns} names a view: it holds no documents to write. */
    public void requireNotView(Namespace ns) {
        if (views.containsKey(ns.full())) {
            throw new MongoServerException(
                    ErrorCode.COMMAND_NOT_SUPPORTED_ON_VIEW, "Namespace " + ns.full() + " is a view, not a collection");
        }
    }

    /** The lock of a collection's namespace: shared for document writes, exclusive for changes of its shape. */
    public ReentrantReadWriteLock lock(Namespace ns) {
        return locks.computeIfAbsent(ns.full(), name -> new ReentrantReadWriteLock());
    }

    /** Creates a collection; NamespaceExists (48) if it exists. */
    public CollectionInfo create(Namespace ns, BsonDocument options) {
        ddl.lock();
        try {
            if (byNamespace.containsKey(ns.full())) {
                throw new MongoServerException(
                        ErrorCode.NAMESPACE_EXISTS, "Collection " + ns.full() + " already exists.");
            }
            return createLocked(ns, options);
        } finally {
            ddl.unlock();
        }
    }

    /** The collection, created with default options if it does not exist yet (the implicit create of a write). */
    public CollectionInfo getOrCreate(Namespace ns) {
        CollectionInfo existing = byNamespace.get(ns.full());
        if (existing != null) {
            return existing;
        }
        ddl.lock();
        try {
            existing = byNamespace.get(ns.full());
            return existing != null ? existing : createLocked(ns, new BsonDocument());
        } finally {
            ddl.unlock();
        }
    }

    private CollectionInfo createLocked(Namespace ns, BsonDocument options) {
        if (views.containsKey(ns.full())) {
            throw new MongoServerException(ErrorCode.NAMESPACE_EXISTS, "Namespace " + ns.full() + " already exists");
        }
        if (ns.isSystem()) {
            throw new MongoServerException(ErrorCode.INVALID_NAMESPACE, "Invalid system namespace: " + ns.full());
        }
        UUID uuid = UUID.randomUUID();
        String table = COLLECTION_TABLE_PREFIX + uuid;
        storage.createTable(table);
        CollectionInfo info = new CollectionInfo(ns, uuid, table, options, List.of());
        store(info);
        byNamespace.put(ns.full(), info);
        return info;
    }

    /** Drops a collection with its indexes; false if it does not exist. Takes the collection's lock. */
    public boolean drop(Namespace ns) {
        ReentrantReadWriteLock.WriteLock exclusive = lock(ns).writeLock();
        exclusive.lock();
        ddl.lock();
        try {
            CollectionInfo info = byNamespace.get(ns.full());
            if (info == null) {
                return dropView(ns);
            }
            remove(ns);
            byNamespace.remove(ns.full());
            storage.dropTable(info.table());
            info.indexes().forEach(index -> storage.dropTable(index.table()));
            return true;
        } finally {
            ddl.unlock();
            exclusive.unlock();
        }
    }

    /**
     * Renames a collection, keeping its UUID, documents and indexes. With {@code dropTarget} an existing target is
     * dropped first; without it, an existing target is NamespaceExists (48).
     */
    public void rename(Namespace from, Namespace to, boolean dropTarget) {
        if (views.containsKey(from.full())) {
            throw new MongoServerException(
                    ErrorCode.COMMAND_NOT_SUPPORTED_ON_VIEW, "cannot rename view: " + from.full());
        }
        if (views.containsKey(to.full())) {
            if (!dropTarget) {
                throw new MongoServerException(ErrorCode.NAMESPACE_EXISTS, "target namespace exists");
            }
            drop(to);
        }
        if (to.isSystem()) {
            throw new MongoServerException(ErrorCode.INVALID_NAMESPACE, "Invalid system namespace: " + to.full());
        }
        if (byNamespace.containsKey(to.full())) {
            if (!dropTarget) {
                throw new MongoServerException(ErrorCode.NAMESPACE_EXISTS, "target namespace exists");
            }
            drop(to);
        }
        ReentrantReadWriteLock.WriteLock exclusive = lock(from).writeLock();
        exclusive.lock();
        ddl.lock();
        try {
            CollectionInfo info = byNamespace.get(from.full());
            if (info == null) {
                throw new MongoServerException(
                        ErrorCode.NAMESPACE_NOT_FOUND, "Source collection " + from.full() + " does not exist");
            }
            if (byNamespace.containsKey(to.full())) {
                throw new MongoServerException(ErrorCode.NAMESPACE_EXISTS, "target namespace exists");
            }
            CollectionInfo renamed = info.renamed(to);
            try (Session session = storage.openSession()) {
                session.setCommitMode(CommitMode.SYNC);
                session.withTransaction(s -> {
                    TableCursor cursor = s.openCursor(TABLE);
                    cursor.remove(key(from));
                    cursor.insert(key(to), DocumentBytes.encode(renamed.toStored()));
                    return null;
                });
            }
            byNamespace.remove(from.full());
            byNamespace.put(to.full(), renamed);
        } finally {
            ddl.unlock();
            exclusive.unlock();
        }
    }

    /** A new, empty engine table for an index about to be built; {@link #addIndex} makes it part of the catalog. */
    public String createIndexTable() {
        String table = INDEX_TABLE_PREFIX + UUID.randomUUID();
        storage.createTable(table);
        return table;
    }

    /** Drops a table made by {@link #createIndexTable} whose build failed. */
    public void dropIndexTable(String table) {
        storage.dropTable(table);
    }

    /** Records a built index. The caller holds the collection's lock exclusive. */
    public CollectionInfo addIndex(Namespace ns, IndexSpec index) {
        ddl.lock();
        try {
            CollectionInfo info = require(ns);
            List<IndexSpec> indexes = new ArrayList<>(info.indexes());
            indexes.add(index);
            return storeIndexes(info, indexes);
        } finally {
            ddl.unlock();
        }
    }

    /**
     * Records that an index holds an array, before the write that puts one there commits. The caller holds the
     * collection's lock shared; returns the collection as it now is.
     */
    public CollectionInfo markMultikey(Namespace ns, String indexName) {
        ddl.lock();
        try {
            CollectionInfo info = require(ns);
            List<IndexSpec> indexes = new ArrayList<>();
            for (IndexSpec index : info.indexes()) {
                indexes.add(index.name().equals(indexName) ? index.asMultikey() : index);
            }
            return storeIndexes(info, indexes);
        } finally {
            ddl.unlock();
        }
    }

    /** Removes an index and drops its table. The caller holds the collection's lock exclusive. */
    public CollectionInfo dropIndex(Namespace ns, String name) {
        ddl.lock();
        try {
            CollectionInfo info = require(ns);
            IndexSpec index = info.index(name)
                    .orElseThrow(() -> new MongoServerException(
                            ErrorCode.INDEX_NOT_FOUND, "index not found with name [" + name + "]"));
            List<IndexSpec> indexes = new ArrayList<>(info.indexes());
            indexes.remove(index);
            CollectionInfo changed = storeIndexes(info, indexes);
            storage.dropTable(index.table());
            return changed;
        } finally {
            ddl.unlock();
        }
    }

    /** Durably replaces the collection's list of indexes and returns the collection as it now is. */
    private CollectionInfo storeIndexes(CollectionInfo info, List<IndexSpec> indexes) {
        CollectionInfo changed = info.withIndexes(indexes);
        store(changed);
        byNamespace.put(changed.namespace().full(), changed);
        return changed;
    }

    private void store(CollectionInfo info) {
        putEntry(TABLE, info.namespace(), info.toStored());
    }

    /** Writes one catalog entry durably (the commit waits for the log's fsync). */
    private void putEntry(String table, Namespace ns, BsonDocument value) {
        try (Session session = storage.openSession()) {
            session.setCommitMode(CommitMode.SYNC);
            session.withTransaction(s -> {
                s.openCursor(table).put(key(ns), DocumentBytes.encode(value));
                return null;
            });
        }
    }

    private void removeEntry(String table, Namespace ns) {
        try (Session session = storage.openSession()) {
            session.setCommitMode(CommitMode.SYNC);
            session.withTransaction(s -> s.openCursor(table).remove(key(ns)));
        }
    }

    private void remove(Namespace ns) {
        removeEntry(TABLE, ns);
    }

    private static byte[] key(Namespace ns) {
        return ns.full().getBytes(StandardCharsets.UTF_8);
    }
}
