package io.wrongodb.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write-ahead log's promise, proven by killing: a child JVM ({@link WalCrashWorker}) does concurrent SYNC
 * transactions and is killed with SIGKILL at random moments, again and again on the same directory. After every
 * kill, every commit it acknowledged must be there with its exact value, each thread's keys must be a gapless run
 * (nothing unacknowledged is half there: a key is present with its whole value or absent), and each transaction's
 * three writes must be all there or all missing: every thread's head names its last key, and the shared accounts
 * still add up.
 *
 * <p>20 kills in the normal test run; more with {@code -Dwrongodb.wal-crash.iterations=200}.
 */
class WalCrashLoopTest {
    private static final int THREADS = 4;
    private static final int SIGKILL_STATUS = 137;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedCommitSurvivesSigkill() throws Exception {
        int iterations = Integer.getInteger("wrongodb.wal-crash.iterations", 20);
        SplittableRandom random = new SplittableRandom(20261125);
        Map<Integer, Long> acknowledged = new HashMap<>();
        long totalAcks = 0;
        for (int iteration = 0; iteration < iterations; iteration++) {
            Process worker = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            WalCrashWorker.class.getName(),
                            dir.toString(),
                            Integer.toString(THREADS))
                    .redirectErrorStream(true)
                    .start();
            long killAfterMillis = 300 + random.nextInt(1200);
            Thread reader = new Thread(() -> readAcks(worker, acknowledged));
            reader.start();
            Thread.sleep(killAfterMillis);
            // Make sure the worker got going before the kill (a slow JVM start would test nothing).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            synchronized (acknowledged) {
                while (acknowledged.isEmpty() && System.nanoTime() < deadline) {
                    acknowledged.wait(100);
                }
            }
            worker.toHandle().destroyForcibly();
            assertThat(worker.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(worker.exitValue()).isEqualTo(SIGKILL_STATUS);
            reader.join(TimeUnit.SECONDS.toMillis(20));

            // Checkpoints ran while writers went on: the last one must still account for every block.
            assertThat(CorruptionTest.FileMap.read(dir.resolve(Connection.FILE_NAME))
                            .unaccountedSpace())
                    .as("iteration %d: space neither live nor free in the checkpoint the kill left", iteration)
                    .isEmpty();
            try (Connection connection = Connection.open(dir, WalCrashWorker.config())) {
                Map<Integer, Long> present = verify(connection);
                synchronized (acknowledged) {
                    for (Map.Entry<Integer, Long> ack : acknowledged.entrySet()) {
                        assertThat(present.getOrDefault(ack.getKey(), -1L))
                                .as(
                                        "iteration %d: thread %d acknowledged seq %d",
                                        iteration, ack.getKey(), ack.getValue())
                                .isGreaterThanOrEqualTo(ack.getValue());
                    }
                    totalAcks =
                            acknowledged.values().stream().mapToLong(v -> v + 1).sum();
                }
            }
        }
        assertThat(totalAcks).as("commits acknowledged over all iterations").isGreaterThan(iterations * 5L);
    }

    private static void readAcks(Process worker, Map<Integer, Long> acknowledged) {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    String[] parts = line.split(" ");
                    synchronized (acknowledged) {
                        acknowledged.merge(Integer.parseInt(parts[1]), Long.parseLong(parts[2]), Math::max);
                        acknowledged.notifyAll();
                    }
                } else if (!line.equals("STARTED")) {
                    System.err.println("worker: " + line);
                }
            }
        } catch (java.io.IOException killed) {
            // the pipe closes with the worker
        }
    }

    /** Checks every key holds exactly its value and each thread's keys run 0..n without a gap; returns each n. */
    private static Map<Integer, Long> verify(Connection connection) {
        Map<Integer, Long> highest = new HashMap<>();
        TableCursor cursor = connection.openSession().openCursor(WalCrashWorker.TABLE);
        while (cursor.next()) {
            ByteBuffer key = ByteBuffer.wrap(cursor.key());
            int thread = key.getInt();
            long seq = key.getLong();
            long expected = highest.getOrDefault(thread, -1L) + 1;
            assertThat(seq).as("thread %d's keys have no gap", thread).isEqualTo(expected);
            assertThat(cursor.value())
                    .as("value of thread %d seq %d", thread, seq)
                    .isEqualTo(WalCrashWorker.value(thread, seq));
            highest.put(thread, seq);
        }
        assertThat(highest.keySet()).isSubsetOf(List.of(0, 1, 2, 3));
        TableCursor heads = connection.openSession().openCursor(WalCrashWorker.HEADS);
        Map<Integer, Long> headOf = new HashMap<>();
        while (heads.next()) {
            headOf.put(
                    ByteBuffer.wrap(heads.key()).getInt(),
                    ByteBuffer.wrap(heads.value()).getLong());
        }
        assertThat(headOf)
                .as("each thread's head names its last key, in the same commit")
                .isEqualTo(highest);
        TableCursor accounts = connection.openSession().openCursor(WalCrashWorker.ACCOUNTS);
        long sum = 0;
        int count = 0;
        while (accounts.next()) {
            sum += ByteBuffer.wrap(accounts.value()).getLong();
            count++;
        }
        if (count > 0) {
            assertThat(count).isEqualTo(WalCrashWorker.ACCOUNT_COUNT);
            assertThat(sum)
                    .as("transfers between accounts keep the total")
                    .isEqualTo(WalCrashWorker.ACCOUNT_COUNT * WalCrashWorker.ACCOUNT_START);
        }
        return highest;
    }
}
