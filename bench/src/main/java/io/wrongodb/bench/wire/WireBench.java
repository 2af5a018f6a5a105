package io.wrongodb.bench.wire;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

/**
 * Over-the-wire benchmark with the official Java driver: WrongoDB against mongo-java-server (memory and H2
 * backends), each started fresh in this JVM, in the same run and with the same client threads. Three workloads per
 * server: inserts of 1 KB documents (one insertOne each), point reads by {@code _id}, and a range query of 10
 * documents on an indexed field. Runs {@code rounds} rounds, each running every server once, and reports the
 * median per server with ratios WrongoDB / peer.
 *
 * <p>Arguments: {@code <report.md> <data-dir> <documents> <seconds per read workload> <threads> <rounds>
 * [--command text] [--note text]}.
 */
public final class WireBench {
    static final String PAYLOAD = "x".repeat(1000 - 40);

    private WireBench() {}

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args[0]);
        Path dataRoot = Path.of(args[1]);
        int documents = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        int rounds = Integer.parseInt(args[5]);
        String command = option(args, "--command", "bench/run-wire.sh");
        String note = option(args, "--note", "");
        Map<String, Map<String, List<Double>>> results = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (String name : WireServer.NAMES) {
                Path dir = dataRoot.resolve(name + "-r" + round);
                Files.createDirectories(dir);
                try (WireServer server = WireServer.start(name, dir);
                        MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.port()
                                + "/?directConnection=true&maxPoolSize=" + (threads * 2))) {
                    Map<String, Double> measured = run(client, documents, seconds, threads);
                    System.out.printf("round %d %-10s %s%n", round, name, measured);
                    measured.forEach((workload, rate) -> results.computeIfAbsent(name, n -> new LinkedHashMap<>())
                            .computeIfAbsent(workload, w -> new ArrayList<>())
                            .add(rate));
                }
            }
        }
        WireReport.write(report, results, documents, seconds, threads, rounds, command, note);
    }

    private static String option(String[] args, String name, String otherwise) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return otherwise;
    }

    /** Runs the three workloads on one fresh server; returns operations per second for each. */
    static Map<String, Double> run(MongoClient client, int documents, int seconds, int threads) throws Exception {
        MongoCollection<BsonDocument> c = client.getDatabase("bench").getCollection("usertable", BsonDocument.class);
        c.drop();
        Map<String, Double> rates = new LinkedHashMap<>();
        AtomicLong next = new AtomicLong();
        rates.put("insert 1 KB", timed(threads, () -> {
            long id;
            long done = 0;
            while ((id = next.getAndIncrement()) < documents) {
                c.insertOne(document((int) id));
                done++;
            }
            return done;
        }));
        c.createIndex(Indexes.ascending("k"));
        // Warm each server's read path briefly before measuring it.
        timed(threads, () -> pointReads(c, documents, System.nanoTime() + 1_000_000_000L));
        long deadline = seconds * 1_000_000_000L;
        rates.put("point read by _id", timed(threads, () -> pointReads(c, documents, System.nanoTime() + deadline)));
        rates.put("range query (10 docs, index)", timed(threads, () -> {
            long end = System.nanoTime() + deadline;
            long done = 0;
            while (System.nanoTime() < end) {
                int from = ThreadLocalRandom.current().nextInt(documents - 10);
                List<BsonDocument> found = c.find(Filters.and(Filters.gte("k", from), Filters.lt("k", from + 10)))
                        .into(new ArrayList<>());
                if (found.size() != 10) {
                    throw new IllegalStateException("range query returned " + found.size() + " documents, not 10");
                }
                done++;
            }
            return done;
        }));
        return rates;
    }

    private static long pointReads(MongoCollection<BsonDocument> c, int documents, long end) {
        long done = 0;
        while (System.nanoTime() < end) {
            int id = ThreadLocalRandom.current().nextInt(documents);
            if (c.find(Filters.eq("_id", id)).first() == null) {
                throw new IllegalStateException("document " + id + " not found");
            }
            done++;
        }
        return done;
    }

    /**
     * A 1 KB document: {@code _id}, {@code k} (the same number, indexed, so a range of 10 values of k is 10
     * documents) and padding.
     */
    static BsonDocument document(int id) {
        return new BsonDocument("_id", new BsonInt32(id))
                .append("k", new BsonInt32(id))
                .append("payload", new BsonString(PAYLOAD));
    }

    interface Work {
        long run() throws Exception;
    }

    /** Runs {@code work} on {@code threads} threads; returns the operations they did per second of wall time. */
    static double timed(int threads, Work work) throws Exception {
        List<Thread> workers = new ArrayList<>();
        AtomicLong total = new AtomicLong();
        List<Throwable> failures = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    total.addAndGet(work.run());
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            workers.add(thread);
            thread.start();
        }
        for (Thread thread : workers) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a benchmark thread failed", failures.get(0));
        }
        return total.get() / elapsed;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
