package io.wrongodb.bench;

import io.wrongodb.storage.Connection;
import io.wrongodb.storage.Session;
import io.wrongodb.storage.StorageConfig;
import io.wrongodb.storage.TableCursor;
import io.wrongodb.storage.wal.CommitMode;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The child JVM {@link RecoveryTime} kills: it fills a fresh WrongoDB store's write-ahead log with about
 * {@code megabytes} of puts (random 16-byte keys, 100-byte values) and never checkpoints, so everything it wrote
 * lives only in the log. Its last put is SYNC, which makes every earlier one durable too; then it prints
 * {@code LOGGED <puts>} and waits to be killed.
 *
 * <p>Arguments: data directory, megabytes of log to write.
 */
public final class LogFiller {
    static final String TABLE = "recovery";
    /**
     * Bytes a put adds to WrongoDB's log beyond its key and value (record header, table name, lengths, alignment),
     * about 50 today. Only used to decide how many puts come near the size asked for: {@link RecoveryTime} reports
     * the log's real size, from where recovery found its end.
     */
    private static final int FRAMING_ESTIMATE = 52;

    private LogFiller() {}

    public static void main(String[] args) throws InterruptedException {
        Path directory = Path.of(args[0]);
        long bytes = Long.parseLong(args[1]) * 1_000_000;
        long puts = bytes / (SyncCommit.KEY_SIZE + SyncCommit.VALUE_SIZE + FRAMING_ESTIMATE);

        // Not closed, on purpose: closing would checkpoint, and then there would be nothing to recover.
        Connection connection = Connection.open(directory, StorageConfig.defaults());
        connection.createTable(TABLE);
        Session session = connection.openSession();
        // ASYNC fills the log at memory speed; the final SYNC put syncs everything buffered before it.
        session.setCommitMode(CommitMode.ASYNC);
        TableCursor cursor = session.openCursor(TABLE);
        SplittableRandom random = new SplittableRandom(0xD15C_0000L);
        byte[][] values = new byte[Workload.VALUE_POOL][SyncCommit.VALUE_SIZE];
        for (byte[] value : values) {
            random.nextBytes(value);
        }
        for (long i = 0; i < puts; i++) {
            byte[] key = new byte[SyncCommit.KEY_SIZE];
            random.nextBytes(key);
            cursor.put(key, values[(int) (i % values.length)]);
        }
        session.setCommitMode(CommitMode.SYNC);
        byte[] last = new byte[SyncCommit.KEY_SIZE];
        random.nextBytes(last);
        cursor.put(last, values[0]);
        System.out.println("LOGGED " + (puts + 1));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
