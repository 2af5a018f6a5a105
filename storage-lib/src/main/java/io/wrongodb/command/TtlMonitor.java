package io.wrongodb.command;

import io.wrongodb.catalog.Catalog;
import io.wrongodb.catalog.CollectionInfo;
import io.wrongodb.catalog.IndexSpec;
import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.Filter;
import io.wrongodb.write.DocumentWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.jboss.logging.Logger;

/**
 * Deletes expired documents, as MongoDB's TTL monitor does: every {@code ttlMonitorSleepSecs} (60 by default) a
 * background thread visits each index with {@code expireAfterSeconds} and deletes the documents whose indexed field
 * holds a date (or an array holding a date) older than now minus that many seconds. Documents without a date there
 * never expire. Deletions go through the ordinary write path, 1000 documents to a transaction, so secondary indexes
 * stay in step; a pass may therefore run while clients write.
 */
public final class TtlMonitor implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TtlMonitor.class);
    private static final int BATCH = 1000;

    private final Store store;
    private final ServerParameters parameters;
    private final Clock clock;
    private final Thread thread;
    private final AtomicLong passes = new AtomicLong();
    private final AtomicLong deletedDocuments = new AtomicLong();
    private volatile boolean running = true;

    public TtlMonitor(Store store, ServerParameters parameters, Clock clock) {
        this.store = store;
        this.parameters = parameters;
        this.clock = clock;
        this.thread = new Thread(this::loop, "wrongodb-ttl-monitor");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Passes completed so far (MongoDB's {@code metrics.ttl.passes}). */
    public long passes() {
        return passes.get();
    }

    /** Documents deleted so far (MongoDB's {@code metrics.ttl.deletedDocuments}). */
    public long deletedDocuments() {
        return deletedDocuments.get();
    }

    private void loop() {
        long lastPass = clock.millis();
        while (running) {
            try {
                long left = lastPass + parameters.ttlMonitorSleepSecs() * 1000L - clock.millis();
                if (left > 0) {
                    parameters.awaitChange(left); // then look again: the period may have changed
                    continue;
                }
                if (parameters.ttlMonitorEnabled()) {
                    pass();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf(e, "TTL pass failed; the next one retries");
            }
            lastPass = clock.millis();
        }
    }

    /** One pass over every TTL index of every collection; returns the number of documents deleted. */
    public long pass() {
        Catalog catalog = store.catalog();
        long deleted = 0;
        for (String database : catalog.databases()) {
            for (CollectionInfo collection : catalog.collections(database)) {
                for (IndexSpec index : collection.indexes()) {
                    if (index.expireAfterSeconds() != null) {
                        deleted += deleteExpired(collection, index);
                    }
                }
            }
        }
        passes.incrementAndGet();
        deletedDocuments.addAndGet(deleted);
        return deleted;
    }

    private long deleteExpired(CollectionInfo collection, IndexSpec index) {
        long cutoff = clock.millis() - index.expireAfterSeconds() * 1000L;
        BsonDocument expired =
                new BsonDocument(index.fields().get(0), new BsonDocument("$lt", new BsonDateTime(cutoff)));
        if (index.partialFilter() != null) {
            expired = new BsonDocument("$and", new BsonArray(List.of(expired, index.partialFilter())));
        }
        Filter filter = Filter.parse(expired);
        BsonString hint = new BsonString(index.name());
        long total = 0;
        try {
            while (running) {
                int n = store.write(collection.namespace(), false, null, tx -> {
                    if (tx.collection() == null
                            || tx.collection().index(index.name()).isEmpty()) {
                        return 0;
                    }
                    List<BsonDocument> batch = Store.matching(tx.session(), tx.collection(), filter, hint, BATCH);
                    batch.forEach(doc -> DocumentWriter.delete(tx.session(), tx.collection(), doc));
                    return batch.size();
                });
                total += n;
                if (n < BATCH) {
                    break;
                }
            }
        } catch (MongoServerException e) {
            // The collection or index went away during the pass, or a write conflicted: the next pass sees.
            LOG.debugf("TTL deletion on %s stopped: %s", collection.namespace().full(), e.getMessage());
        }
        return total;
    }

    @Override
    public void close() {
        // Not Thread.interrupt(): an interrupt in the middle of a file write would close the engine's channels.
        running = false;
        parameters.wakeWaiters();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
