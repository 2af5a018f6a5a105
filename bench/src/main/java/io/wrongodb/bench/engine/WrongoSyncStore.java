package io.wrongodb.bench.engine;

import io.wrongodb.storage.Connection;
import io.wrongodb.storage.Session;
import io.wrongodb.storage.StorageConfig;
import io.wrongodb.storage.TableCursor;
import io.wrongodb.storage.wal.CommitMode;
import io.wrongodb.storage.wal.WriteAheadLog;
import java.nio.file.Path;

/** WrongoDB with its write-ahead log on and SYNC commits: each thread commits through its own session. */
final class WrongoSyncStore implements SyncStore {
    static final String TABLE = "commits";

    private final Connection connection;

    WrongoSyncStore(Path directory) {
        connection = Connection.open(directory, StorageConfig.defaults().withCommitMode(CommitMode.SYNC));
        connection.createTable(TABLE);
    }

    @Override
    public Writer writer() {
        Session session = connection.openSession();
        // SYNC is already the connection's default; set it anyway, as a client asking for j:true would.
        session.setCommitMode(CommitMode.SYNC);
        TableCursor cursor = session.openCursor(TABLE);
        return cursor::put;
    }

    @Override
    public LogCounters counters() {
        WriteAheadLog log = connection.log();
        return new LogCounters(log.commits(), log.fsyncs());
    }

    @Override
    public void close() {
        connection.close();
    }
}
