package io.wrongodb.storage.wal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteAheadLogTest {
    @TempDir
    Path dir;

    static ByteBuffer payload(int id, int size) {
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(size, 4));
        buffer.putInt(0, id);
        for (int i = 4; i < buffer.capacity(); i++) {
            buffer.put(i, (byte) (id * 31 + i));
        }
        return buffer;
    }

    static List<LogRecord.Read> readAll(Path dir) {
        List<LogRecord.Read> records = new ArrayList<>();
        LogScanner.recover(dir, Lsn.NONE, records::add);
        return records;
    }

    @Test
    void recordsComeBackInOrderWithTheirLsns() {
        List<Lsn> lsns = new ArrayList<>();
        try (WriteAheadLog log = WriteAheadLog.open(dir, WalConfig.defaults(), Lsn.NONE, 0)) {
            for (int i = 0; i < 100; i++) {
                lsns.add(log.append(LogRecord.COMMIT, payload(i, i * 13), CommitMode.SYNC));
            }
        }
        List<LogRecord.Read> records = readAll(dir);
        assertThat(records).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(records.get(i).lsn()).isEqualTo(lsns.get(i));
            assertThat(records.get(i).type()).isEqualTo(LogRecord.COMMIT);
            assertThat(records.get(i).payload()).isEqualTo(payload(i, i * 13));
        }
        assertThat(lsns).isSorted();
    }

    @Test
    void recoveryStartsAtTheGivenLsnAndAppendingContinuesAfterTheEnd() {
        Lsn middle;
        try (WriteAheadLog log = WriteAheadLog.open(dir, WalConfig.defaults(), Lsn.NONE, 0)) {
            log.append(LogRecord.COMMIT, payload(1, 10), CommitMode.SYNC);
            middle = log.append(LogRecord.COMMIT, payload(2, 10), CommitMode.SYNC);
            log.append(LogRecord.COMMIT, payload(3, 10), CommitMode.SYNC);
        }
        List<Integer> ids = new ArrayList<>();
        LogScanner.Result result =
                LogScanner.recover(dir, middle, r -> ids.add(r.payload().getInt(0)));
        assertThat(ids).containsExactly(2, 3);
        try (WriteAheadLog log = WriteAheadLog.open(dir, WalConfig.defaults(), result.end(), result.lastBatch())) {
            log.append(LogRecord.COMMIT, payload(4, 10), CommitMode.SYNC);
        }
        assertThat(readAll(dir)).extracting(r -> r.payload().getInt(0)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void concurrentSyncCommitsShareFsyncs() throws Exception {
        int threads = 16;
        int perThread = 200;
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        long fsyncs;
        try (WriteAheadLog log = WriteAheadLog.open(dir, WalConfig.defaults(), Lsn.NONE, 0)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                Thread worker = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            log.append(LogRecord.COMMIT, payload(id * perThread + i, 100), CommitMode.SYNC);
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
                worker.start();
                workers.add(worker);
            }
            start.countDown();
            for (Thread worker : workers) {
                worker.join();
            }
            assertThat(log.commits()).isEqualTo(threads * perThread);
            fsyncs = log.fsyncs();
        }
        assertThat(errors).isEmpty();
        assertThat(fsyncs).as("one fsync covers several commits").isLessThan(threads * perThread / 2);
        assertThat(readAll(dir))
                .extracting(r -> r.payload().getInt(0))
                .doesNotHaveDuplicates()
                .hasSize(threads * perThread);
    }

    @Test
    void anAsyncCommitIsSyncedWithinTheCommitInterval() throws Exception {
        try (WriteAheadLog log = WriteAheadLog.open(dir, new WalConfig(1 << 20, Duration.ofMillis(50)), Lsn.NONE, 0)) {
            log.append(LogRecord.COMMIT, payload(7, 10), CommitMode.ASYNC);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (log.fsyncs() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(log.fsyncs()).isEqualTo(1);
            assertThat(readAll(dir)).extracting(r -> r.payload().getInt(0)).containsExactly(7);
        }
    }

    @Test
    void recordsSpreadOverFilesAndOldFilesCanBeRemoved() {
        List<Lsn> lsns = new ArrayList<>();
        try (WriteAheadLog log =
                WriteAheadLog.open(dir, new WalConfig(64 * 1024, Duration.ofMillis(100)), Lsn.NONE, 0)) {
            for (int i = 0; i < 200; i++) {
                lsns.add(log.append(LogRecord.COMMIT, payload(i, 1000), CommitMode.SYNC));
            }
            // A record larger than a whole file gets a file of its own.
            lsns.add(log.append(LogRecord.COMMIT, payload(200, 100_000), CommitMode.SYNC));
            lsns.add(log.append(LogRecord.COMMIT, payload(201, 10), CommitMode.SYNC));
            assertThat(LogFiles.list(dir).size()).isGreaterThan(2);
            log.removeFilesBefore(lsns.get(150));
        }
        assertThat(LogFiles.list(dir).get(0)).isEqualTo(lsns.get(150).file());
        List<Integer> ids = new ArrayList<>();
        LogScanner.recover(dir, lsns.get(150), r -> ids.add(r.payload().getInt(0)));
        assertThat(ids).first().isEqualTo(150);
        assertThat(ids).last().isEqualTo(201);
        assertThat(ids).hasSize(52);
    }

    @Test
    void oneBatchThatSpansAFileSwitchIsWrittenAndSynced() {
        int records = 64;
        try (WriteAheadLog log =
                WriteAheadLog.open(dir, new WalConfig(64 * 1024, Duration.ofSeconds(5)), Lsn.NONE, 0)) {
            // Buffered without waiting: the writer takes them as one batch, which crosses several files.
            WriteAheadLog.Appended last = null;
            for (int i = 0; i < records; i++) {
                last = log.buffer(LogRecord.COMMIT, payload(i, 5000));
            }
            log.awaitSynced(last.end());
            assertThat(log.fsyncs()).isEqualTo(1);
            log.append(LogRecord.COMMIT, payload(records, 10), CommitMode.SYNC);
        }
        assertThat(LogFiles.list(dir).size()).isGreaterThan(3);
        assertThat(readAll(dir))
                .extracting(r -> r.payload().getInt(0))
                .hasSize(records + 1)
                .isSorted();
    }
}
