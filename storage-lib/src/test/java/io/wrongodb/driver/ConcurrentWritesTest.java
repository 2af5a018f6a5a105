package io.wrongodb.driver;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.ReturnDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Writes racing on one document or one unique key, each thread through its own driver client: the server retries
 * its write conflicts so no increment is lost and no client ever sees WriteConflict (112), and of concurrent
 * inserts of one unique value exactly one succeeds while the others get DuplicateKey (11000).
 */
class ConcurrentWritesTest extends DriverTestBase {
    private static final int THREADS = 8;
    private static final int INCREMENTS = 50;

    private final List<MongoClient> clients = new ArrayList<>();
    private ExecutorService pool;

    @AfterEach
    void closeClients() throws InterruptedException {
        if (pool != null) {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
        clients.forEach(MongoClient::close);
    }

    private com.mongodb.client.MongoCollection<BsonDocument> ownCollection(String name) {
        MongoClient own = node.directClient();
        clients.add(own);
        return own.getDatabase("test").getCollection(name, BsonDocument.class);
    }

    /** Runs {@code work(thread)} on every thread at once and returns the failures, in no order. */
    private Queue<Throwable> race(int threads, ThrowingTask work) throws Exception {
        pool = Executors.newFixedThreadPool(threads);
        CyclicBarrier start = new CyclicBarrier(threads);
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                try {
                    start.await();
                    work.run(thread);
                } catch (Throwable e) {
                    failures.add(e);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        return failures;
    }

    @FunctionalInterface
    private interface ThrowingTask {
        void run(int thread) throws Exception;
    }

    @Test
    void concurrentIncrementsOfOneDocumentAreNeverLost() throws Exception {
        collection("counters").insertOne(doc("{_id: 'c', n: 0, other: 'x'}"));
        List<com.mongodb.client.MongoCollection<BsonDocument>> own = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            own.add(ownCollection("counters"));
        }
        AtomicInteger modified = new AtomicInteger();
        Queue<Throwable> failures = race(THREADS, thread -> {
            for (int i = 0; i < INCREMENTS; i++) {
                var result = own.get(thread).updateOne(doc("{_id: 'c'}"), doc("{$inc: {n: 1}}"));
                if (result.getMatchedCount() == 1) {
                    modified.addAndGet((int) result.getModifiedCount());
                }
            }
        });
        assertThat(failures).noneMatch(ConcurrentWritesTest::isWriteConflict).isEmpty();
        assertThat(modified.get()).isEqualTo(THREADS * INCREMENTS);
        assertThat(collection("counters").find().first())
                .isEqualTo(doc("{_id: 'c', n: " + THREADS * INCREMENTS + ", other: 'x'}"));
    }

    @Test
    void concurrentFindAndModifyIncrementsHandOutEveryValueOnce() throws Exception {
        collection("seq").insertOne(doc("{_id: 'ticket', n: 0}"));
        List<com.mongodb.client.MongoCollection<BsonDocument>> own = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            own.add(ownCollection("seq"));
        }
        Queue<Integer> handedOut = new ConcurrentLinkedQueue<>();
        Queue<Throwable> failures = race(THREADS, thread -> {
            for (int i = 0; i < INCREMENTS; i++) {
                BsonDocument after = own.get(thread)
                        .findOneAndUpdate(
                                doc("{_id: 'ticket'}"),
                                doc("{$inc: {n: 1}}"),
                                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
                handedOut.add(after.getInt32("n").getValue());
            }
        });
        assertThat(failures).noneMatch(ConcurrentWritesTest::isWriteConflict).isEmpty();
        assertThat(handedOut)
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, THREADS * INCREMENTS)
                        .boxed()
                        .toList());
    }

    @Test
    void concurrentUpdateManyAndInsertsNeverSurfaceWriteConflict() throws Exception {
        var c = collection("mixed");
        for (int i = 0; i < 20; i++) {
            c.insertOne(new BsonDocument("_id", new BsonInt32(i)).append("n", new BsonInt32(0)));
        }
        List<com.mongodb.client.MongoCollection<BsonDocument>> own = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            own.add(ownCollection("mixed"));
        }
        Queue<Throwable> failures = race(THREADS, thread -> {
            for (int i = 0; i < 20; i++) {
                own.get(thread).updateMany(doc("{_id: {$lt: 20}}"), doc("{$inc: {n: 1}}"));
                own.get(thread).insertOne(new BsonDocument("_id", new BsonString(thread + "-" + i)));
            }
        });
        assertThat(failures).noneMatch(ConcurrentWritesTest::isWriteConflict).isEmpty();
        assertThat(c.countDocuments(doc("{n: " + THREADS * 20 + "}"))).isEqualTo(20);
        assertThat(c.countDocuments()).isEqualTo(20 + THREADS * 20);
    }

    @Test
    void concurrentInsertsOfOneUniqueValueLetExactlyOneIn() throws Exception {
        var c = collection("users");
        c.createIndex(doc("{email: 1}"), new IndexOptions().unique(true));
        List<com.mongodb.client.MongoCollection<BsonDocument>> own = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            own.add(ownCollection("users"));
        }
        for (int round = 0; round < 5; round++) {
            String email = "same-" + round + "@example.com";
            int base = round * 100;
            AtomicInteger successes = new AtomicInteger();
            Queue<Throwable> failures = race(THREADS, thread -> {
                own.get(thread)
                        .insertOne(new BsonDocument("_id", new BsonInt32(base + thread))
                                .append("email", new BsonString(email)));
                successes.incrementAndGet();
            });
            pool.shutdown();
            assertThat(successes.get()).as("round %d", round).isEqualTo(1);
            assertThat(failures).hasSize(THREADS - 1);
            for (Throwable f : failures) {
                assertThat(f).isInstanceOf(MongoWriteException.class);
                MongoWriteException e = (MongoWriteException) f;
                assertThat(e.getCode()).isEqualTo(11000);
                assertThat(e.getError().getMessage())
                        .isEqualTo("E11000 duplicate key error collection: test.users index: email_1 dup key:"
                                + " { email: \"" + email + "\" }");
            }
            assertThat(c.countDocuments(new BsonDocument("email", new BsonString(email))))
                    .isEqualTo(1);
        }
        assertThat(c.countDocuments()).isEqualTo(5);
    }

    @Test
    void concurrentUpsertsOfOneIdInsertOnceAndUpdateTheRest() throws Exception {
        var c = collection("upserts");
        List<com.mongodb.client.MongoCollection<BsonDocument>> own = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            own.add(ownCollection("upserts"));
        }
        AtomicInteger inserted = new AtomicInteger();
        Queue<Throwable> failures = race(THREADS, thread -> {
            var result = own.get(thread)
                    .updateOne(
                            doc("{_id: 'k'}"),
                            doc("{$inc: {n: 1}}"),
                            new com.mongodb.client.model.UpdateOptions().upsert(true));
            if (result.getUpsertedId() != null) {
                inserted.incrementAndGet();
            }
        });
        // MongoDB retries an upsert on _id that lost the race to DuplicateKey as an update.
        assertThat(failures).noneMatch(ConcurrentWritesTest::isWriteConflict).isEmpty();
        assertThat(inserted.get()).isEqualTo(1);
        assertThat(c.find().first()).isEqualTo(doc("{_id: 'k', n: " + THREADS + "}"));
    }

    private static boolean isWriteConflict(Throwable t) {
        return t instanceof MongoException m && m.getCode() == 112;
    }
}
