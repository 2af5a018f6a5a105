package io.wrongodb.command;

import io.wrongodb.catalog.Catalog;
import io.wrongodb.catalog.CollectionInfo;
import io.wrongodb.catalog.Namespace;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.Filter;
import io.wrongodb.query.Plan;
import io.wrongodb.query.Planner;
import io.wrongodb.query.QueryRun;
import io.wrongodb.storage.Connection;
import io.wrongodb.storage.Session;
import io.wrongodb.storage.txn.WriteConflictException;
import io.wrongodb.storage.wal.CommitMode;
import io.wrongodb.write.DocumentWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * What the data commands share: the catalog, the writer of documents, and the open cursors. {@link #write} runs
 * one write operation of a command in one engine transaction, under the collection's shared lock, retrying it on
 * a write conflict (the client never sees WriteConflict for a single operation).
 */
public final class Store {
    private final OpenCursors cursors;
    private volatile Catalog catalog;
    private volatile DocumentWriter writer;

    public Store(OpenCursors cursors) {
        this.cursors = cursors;
    }

    /** Serves the documents of {@code opened}: called once the node's engine is open and its catalog loaded. */
    public void attach(Catalog opened) {
        this.catalog = opened;
        this.writer = new DocumentWriter(opened);
    }

    public Catalog catalog() {
        Catalog attached = catalog;
        if (attached == null) {
            throw new MongoServerException(ErrorCode.INTERNAL_ERROR, "the node's storage is not open");
        }
        return attached;
    }

    public Connection storage() {
        return catalog().storage();
    }

    public DocumentWriter writer() {
        return writer;
    }

    public OpenCursors cursors() {
        return cursors;
    }

    /**
     * Runs {@code work} in one transaction on the collection (created first when {@code create} and missing), with
     * the commit waiting for the log's fsync when the write concern asks for {@code j: true}. {@code work} gets null
     * for a missing collection when {@code create} is false.
     */
    public <T> T write(Namespace ns, boolean create, BsonDocument writeConcern, Function<Tx, T> work) {
        Catalog catalog = catalog();
        catalog.requireNotView(ns);
        CollectionInfo info =
                create ? catalog.getOrCreate(ns) : catalog.collection(ns).orElse(null);
        if (info == null) {
            return work.apply(new Tx(null, null));
        }
        Lock shared = catalog.lock(ns).readLock();
        shared.lock();
        try (Session session = storage().openSession()) {
            if (journaled(writeConcern)) {
                session.setCommitMode(CommitMode.SYNC);
            }
            try {
                return session.withTransaction(s -> {
                    CollectionInfo current = catalog.collection(ns).orElse(null);
                    if (current == null) {
                        if (!create) {
                            return work.apply(new Tx(null, null)); // dropped since: nothing to write to
                        }
                        current = catalog.getOrCreate(ns);
                    }
                    return work.apply(new Tx(s, current));
                });
            } catch (WriteConflictException e) {
                throw new MongoServerException(ErrorCode.WRITE_CONFLICT, "WriteConflict error: " + e.getMessage());
            }
        } finally {
            shared.unlock();
        }
    }

    /** One write's transaction: its session and the collection as it is (indexes included) under the lock. */
    public record Tx(Session session, CollectionInfo collection) {}

    private static boolean journaled(BsonDocument writeConcern) {
        if (writeConcern == null) {
            return false;
        }
        BsonValue j = writeConcern.get("j");
        if (j != null && j.isBoolean() && j.asBoolean().getValue()) {
            return true;
        }
        BsonValue fsync = writeConcern.get("fsync");
        return fsync != null && fsync.isBoolean() && fsync.asBoolean().getValue();
    }

    /** Every document of the collection the filter matches, read in {@code session}'s snapshot, in plan order. */
    public static List<BsonDocument> matching(
            Session session, CollectionInfo collection, Filter filter, BsonValue hint, long limit) {
        Plan plan = Planner.plan(collection, filter.spec(), new BsonDocument(), hint);
        io.wrongodb.query.DocumentScan scan = new io.wrongodb.query.DocumentScan(collection, plan);
        scan.attach(session);
        List<BsonDocument> found = new ArrayList<>();
        for (BsonDocument doc = scan.next(); doc != null; doc = scan.next()) {
            if (filter.matches(doc)) {
                found.add(doc);
                if (limit > 0 && found.size() >= limit) {
                    break;
                }
            }
        }
        return found;
    }

    /** A query run over a collection that may not exist (then it returns nothing). */
    public QueryRun run(Namespace ns, Filter filter, BsonValue hint) {
        CollectionInfo info = catalog().collection(ns).orElse(null);
        Plan plan =
                info == null ? Plan.collectionScan(false) : Planner.plan(info, filter.spec(), new BsonDocument(), hint);
        return new QueryRun(info, plan, filter, null, 0, 0, null);
    }
}
