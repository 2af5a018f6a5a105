package io.wrongodb.query;

import io.wrongodb.bson.DocumentBytes;
import io.wrongodb.bson.KeyEncoding;
import io.wrongodb.catalog.CollectionInfo;
import io.wrongodb.storage.Session;
import io.wrongodb.storage.TableCursor;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.BsonDocument;

/**
 * Reads the documents a {@link Plan} names, one at a time, and can stop and go on later in another engine session:
 * it remembers the last key it read, not an engine cursor, so no snapshot is held between a cursor's batches (like
 * MongoDB's yielding, a later batch sees writes committed since). Attach a session before reading a batch.
 *
 * <p>A plan on {@code _id} walks ranges of the collection's own table, which is clustered by {@code _id}. An index
 * scan walks its ranges in key order (backwards if the plan says so), fetching each document by the
 * {@code _id} an entry holds; on a multikey index it skips documents it already returned.
 */
public final class DocumentScan {
    private final CollectionInfo collection;
    private final Plan plan;
    private final Set<ByteBuffer> returned;
    private final List<DocumentScan> branches;
    private int branch;
    private Session session;
    private TableCursor cursor;
    private TableCursor documents;
    private int range;
    private byte[] lastKey;
    private boolean done;
    private long keysExamined;
    private long documentsExamined;
    private long steps;

    public DocumentScan(CollectionInfo collection, Plan plan) {
        this.collection = collection;
        this.plan = plan;
        this.returned = plan.isUnion() || (plan.index() != null && plan.index().multikey()) ? new HashSet<>() : null;
        this.branches = plan.branches().stream()
                .map(branchPlan -> new DocumentScan(collection, branchPlan))
                .toList();
    }

    /** Reads from {@code session} from now on, continuing after the last document read. */
    public void attach(Session session) {
        this.session = session;
        this.cursor = null;
        this.documents = null;
        branches.forEach(b -> b.attach(session));
    }

    public long keysExamined() {
        return keysExamined
                + branches.stream().mapToLong(DocumentScan::keysExamined).sum();
    }

    public long documentsExamined() {
        return documentsExamined
                + branches.stream().mapToLong(DocumentScan::documentsExamined).sum();
    }

    public boolean isDone() {
        return done;
    }

    /** The next document, or null when the scan has read everything. */
    public BsonDocument next() {
        if (done) {
            return null;
        }
        if ((++steps & 63) == 0) {
            Interruptions.check();
        }
        BsonDocument next =
                plan.isUnion() ? nextInBranches() : plan.isCollectionScan() ? nextInCollection() : nextInIndex();
        if (next == null) {
            done = true;
            cursor = null;
        }
        return next;
    }

    /** The next document of the union: from the current branch, skipping those an earlier one returned. */
    private BsonDocument nextInBranches() {
        while (branch < branches.size()) {
            BsonDocument document = branches.get(branch).next();
            if (document == null) {
                branch++;
                continue;
            }
            if (returned.add(ByteBuffer.wrap(KeyEncoding.encode(document.get("_id"))))) {
                return document;
            }
        }
        return null;
    }

    private BsonDocument nextInCollection() {
        while (true) {
            if (!step(cursor == null)) {
                return null;
            }
            lastKey = cursor.key();
            byte[] value = cursor.value();
            if (value != null) {
                documentsExamined++;
                return DocumentBytes.decode(value);
            }
        }
    }

    /** Moves the cursor one key on, repositioning after {@link #lastKey} first when {@code fresh}. */
    private boolean step(boolean fresh) {
        if (fresh) {
            cursor = session.openCursor(scannedTable());
            if (lastKey != null) {
                boolean found = cursor.seek(lastKey);
                if (!plan.reverse()) {
                    return found && (!Arrays.equals(cursor.key(), lastKey) || cursor.next());
                }
                return cursor.prev();
            }
        }
        return plan.reverse() ? cursor.prev() : cursor.next();
    }

    /**
     * The next document of the index ranges. Keys examined are counted as MongoDB counts them: a scan of one range
     * stops at its end without reading past it; a scan of several reads the key past each range, counts it once,
     * and goes on from it if it falls in a later range (seeking otherwise).
     */
    private BsonDocument nextInIndex() {
        if (documents == null && !clustered()) {
            documents = session.openCursor(collection.table());
        }
        boolean single = plan.ranges().size() == 1;
        byte[] pending = null;
        while (range < plan.ranges().size()) {
            KeyRange current = plan.ranges().get(plan.reverse() ? plan.ranges().size() - 1 - range : range);
            boolean positioned;
            boolean counted = false;
            if (pending != null) {
                if (plan.reverse() ? current.beyondHigh(pending) : current.beforeLow(pending)) {
                    positioned = plan.reverse() ? seekHigh(current) : seekLow(current);
                } else {
                    positioned = true;
                    counted = true;
                }
                pending = null;
            } else if (cursor == null && lastKey == null) {
                cursor = session.openCursor(scannedTable());
                positioned = plan.reverse() ? seekHigh(current) : seekLow(current);
            } else {
                positioned = step(cursor == null);
            }
            while (positioned) {
                byte[] key = cursor.key();
                if (!counted) {
                    keysExamined++;
                }
                counted = false;
                if (plan.reverse() ? current.beforeLow(key) : current.beyondHigh(key)) {
                    if (single) {
                        keysExamined--;
                    } else {
                        pending = key;
                    }
                    break;
                }
                lastKey = key;
                if (current.contains(key)) {
                    BsonDocument document = clustered() ? decoded(cursor.value()) : fetch(cursor.value());
                    if (document != null) {
                        return document;
                    }
                }
                positioned = plan.reverse() ? cursor.prev() : cursor.next();
            }
            range++;
            if (pending == null) {
                cursor = null;
            }
            lastKey = null;
        }
        return null;
    }

    /** Positions at the first key of the range: past every key starting with an exclusive low end. */
    private boolean seekLow(KeyRange current) {
        if (current.lowInclusive()) {
            return cursor.seek(current.low());
        }
        byte[] start = successor(current.low());
        return start != null && cursor.seek(start);
    }

    /** True when the plan's ranges are over {@code _id}: the collection's own table, whose values are documents. */
    private boolean clustered() {
        return plan.index().table() == null;
    }

    private String scannedTable() {
        return plan.isCollectionScan() || clustered()
                ? collection.table()
                : plan.index().table();
    }

    private BsonDocument decoded(byte[] value) {
        if (value == null) {
            return null;
        }
        documentsExamined++;
        return DocumentBytes.decode(value);
    }

    private boolean seekHigh(KeyRange current) {
        byte[] end = current.highInclusive() ? successor(current.high()) : current.high();
        if (end == null) {
            return cursor.prev();
        }
        cursor.seek(end);
        return cursor.prev();
    }

    private BsonDocument fetch(byte[] id) {
        if (id == null) {
            return null;
        }
        if (returned != null && !returned.add(ByteBuffer.wrap(id.clone()))) {
            return null;
        }
        if (!documents.search(id)) {
            return null;
        }
        byte[] value = documents.value();
        documents.reset();
        if (value == null) {
            return null;
        }
        documentsExamined++;
        return DocumentBytes.decode(value);
    }

    /** The smallest byte string after every string that starts with {@code prefix}; null if there is none. */
    static byte[] successor(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xFF) {
                byte[] next = Arrays.copyOf(prefix, i + 1);
                next[i]++;
                return next;
            }
        }
        return null;
    }
}
