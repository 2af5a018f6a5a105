package io.wrongodb.bench.engine;

import io.wrongodb.storage.Connection;
import io.wrongodb.storage.Session;
import io.wrongodb.storage.StorageConfig;
import io.wrongodb.storage.TableCursor;
import io.wrongodb.storage.btree.TreeConfig;
import java.nio.file.Path;
import org.openjdk.jmh.infra.Blackhole;

/** WrongoDB's storage engine through its public API: one connection, one session, one cursor. */
final class WrongoEngine implements KvEngine {
    private static final String TABLE = "bench";

    private final Connection connection;
    private final Session session;
    private final TableCursor cursor;

    WrongoEngine(Path directory) {
        // Log off, like RocksDB's disableWAL and LMDB's NOSYNC here: each load ends with one durable sync.
        StorageConfig config =
                StorageConfig.defaults().withCacheSize(Engines.CACHE_BYTES).withLog(false);
        connection = Connection.open(directory, config.withTree(treeConfig(config.tree())));
        if (!connection.hasTable(TABLE)) {
            connection.createTable(TABLE);
        }
        session = connection.openSession();
        cursor = session.openCursor(TABLE);
    }

    /**
     * The default page sizes, unless overridden to compare others: {@code -jvmArgsAppend
     * -Dwrongodb.bench.leafPageMax=8192} (also {@code .internalPageMax}, {@code .overflowThreshold}, {@code
     * .maxKeySize}).
     */
    private static TreeConfig treeConfig(TreeConfig defaults) {
        return new TreeConfig(
                Integer.getInteger("wrongodb.bench.leafPageMax", defaults.leafPageMax()),
                Integer.getInteger("wrongodb.bench.internalPageMax", defaults.internalPageMax()),
                Integer.getInteger("wrongodb.bench.overflowThreshold", defaults.overflowThreshold()),
                Integer.getInteger("wrongodb.bench.maxKeySize", defaults.maxKeySize()),
                defaults.maxValueSize());
    }

    @Override
    public void put(byte[] key, byte[] value) {
        cursor.put(key, value);
    }

    @Override
    public void makeDurable() {
        connection.checkpoint();
    }

    @Override
    public byte[] get(byte[] key) {
        byte[] value = cursor.search(key) ? cursor.value() : null;
        cursor.reset();
        return value;
    }

    @Override
    public long scan(Blackhole sink) {
        long n = 0;
        cursor.reset();
        while (cursor.next()) {
            sink.consume(cursor.key());
            sink.consume(cursor.value());
            n++;
        }
        return n;
    }

    @Override
    public void close() {
        session.close();
        connection.close();
    }
}
