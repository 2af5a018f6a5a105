package io.wrongodb.storage.wal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damages the log at every byte of its last records, as a crash or a bad disk would, and checks that recovery
 * returns a prefix of what was committed, in order and intact, or refuses with an error naming the LSN, and never
 * returns anything else.
 */
class LogRecoveryFuzzTest {
    private static final int RECORDS = 12;
    private static final WalConfig SMALL_FILES = new WalConfig(64 * 1024, java.time.Duration.ofMillis(100));

    @TempDir
    Path root;

    Path pristine;
    List<Lsn> lsns = new ArrayList<>();
    long logicalEnd;

    @BeforeEach
    void writeLog() throws IOException {
        pristine = root.resolve("pristine");
        Files.createDirectories(pristine);
        try (WriteAheadLog log = WriteAheadLog.open(pristine, SMALL_FILES, Lsn.NONE, 0)) {
            for (int i = 0; i < RECORDS; i++) {
                // Every record its own synced batch, so damage to an early one is provably after its sync.
                lsns.add(log.append(LogRecord.COMMIT, WriteAheadLogTest.payload(i, 40 + 17 * i), CommitMode.SYNC));
            }
            logicalEnd = log.end().offset();
        }
    }

    private Path copy(String name) throws IOException {
        Path target = root.resolve(name);
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(pristine)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target;
    }

    /** Where record i's checksummed bytes end (its padding after that is not checksummed). */
    private long end(int i) {
        return lsns.get(i).offset() + LogRecord.HEADER_SIZE + 40 + 17 * i;
    }

    private Path logFile(Path dir) {
        return LogFiles.path(dir, 1);
    }

    /** Recovers and checks the result is a prefix of the committed records; returns its length, or -1 if refused. */
    private int recoverPrefix(Path dir, String what) {
        List<Integer> ids = new ArrayList<>();
        try {
            LogScanner.recover(dir, Lsn.NONE, record -> {
                ids.add(record.payload().getInt(0));
                assertThat(record.payload())
                        .as(what)
                        .isEqualTo(WriteAheadLogTest.payload(ids.size() - 1, 40 + 17 * (ids.size() - 1)));
            });
        } catch (CorruptLogException e) {
            assertThat(e.getMessage())
                    .as(what)
                    .contains("LSN " + e.lsn().file() + "/" + e.lsn().offset());
            return -1;
        }
        for (int i = 0; i < ids.size(); i++) {
            assertThat(ids.get(i)).as(what).isEqualTo(i);
        }
        // A second recovery of the repaired log finds the same prefix, and the log takes new records after it.
        List<Integer> again = new ArrayList<>();
        LogScanner.Result result = LogScanner.recover(
                dir, Lsn.NONE, record -> again.add(record.payload().getInt(0)));
        assertThat(again).as(what).isEqualTo(ids);
        try (WriteAheadLog log = WriteAheadLog.open(dir, SMALL_FILES, result.end(), result.lastBatch())) {
            log.append(LogRecord.COMMIT, WriteAheadLogTest.payload(999, 8), CommitMode.SYNC);
        }
        List<Integer> extended = new ArrayList<>();
        LogScanner.recover(
                dir, Lsn.NONE, record -> extended.add(record.payload().getInt(0)));
        assertThat(extended).as(what).hasSize(ids.size() + 1).endsWith(999);
        return ids.size();
    }

    @Test
    void truncatingAtEveryOffsetOfTheLastRecordsLeavesAPrefix() throws IOException {
        long from = lsns.get(RECORDS - 4).offset();
        for (long cut = from; cut <= logicalEnd; cut++) {
            Path dir = copy("cut-" + cut);
            try (RandomAccessFile file = new RandomAccessFile(logFile(dir).toFile(), "rw")) {
                // A crash loses everything after the cut; the pre-allocated file keeps its size, so zero it.
                file.seek(cut);
                file.write(new byte[(int) (file.length() - cut)]);
            }
            int expected = 0;
            while (expected < RECORDS && end(expected) <= cut) {
                expected++;
            }
            assertThat(recoverPrefix(dir, "cut at " + cut)).as("cut at " + cut).isEqualTo(expected);
            deleteTree(dir);
        }
    }

    @Test
    void corruptingEveryByteOfTheLastRecordsLeavesAPrefixOrNamesTheLsn() throws IOException {
        long from = lsns.get(RECORDS - 4).offset();
        int refused = 0;
        for (long at = from; at < logicalEnd; at++) {
            Path dir = copy("flip-" + at);
            try (RandomAccessFile file = new RandomAccessFile(logFile(dir).toFile(), "rw")) {
                file.seek(at);
                int original = file.read();
                file.seek(at);
                file.write(original ^ 0x5A);
            }
            int damaged = -1;
            for (int i = 0; i < RECORDS; i++) {
                if (at >= lsns.get(i).offset() && at < end(i)) {
                    damaged = i;
                }
            }
            int recovered = recoverPrefix(dir, "byte flipped at " + at);
            if (damaged < 0) {
                assertThat(recovered).as("a flip in padding damages nothing").isEqualTo(RECORDS);
            } else if (damaged < RECORDS - 1) {
                // Each record was synced in its own batch; a later batch proves this one was synced: refuse.
                assertThat(recovered)
                        .as("byte flipped at " + at + " in record " + damaged)
                        .isEqualTo(-1);
                refused++;
            } else {
                assertThat(recovered).as("the last batch is a torn tail: cut").isEqualTo(damaged);
            }
            deleteTree(dir);
        }
        assertThat(refused).isPositive();
    }

    @Test
    void aDamagedHeaderOfTheOnlyFileMeansAnEmptyLog() throws IOException {
        Path dir = copy("header");
        try (RandomAccessFile file = new RandomAccessFile(logFile(dir).toFile(), "rw")) {
            file.seek(3);
            file.write(0x77);
        }
        List<LogRecord.Read> records = new ArrayList<>();
        LogScanner.Result result = LogScanner.recover(dir, Lsn.NONE, records::add);
        assertThat(records).isEmpty();
        assertThat(result.end()).isEqualTo(Lsn.NONE);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }
}
