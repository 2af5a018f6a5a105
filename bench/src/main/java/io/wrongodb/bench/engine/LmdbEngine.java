package io.wrongodb.bench.engine;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.Txn;
import org.openjdk.jmh.infra.Blackhole;

/** LMDB through lmdbjava (which bundles the native library), without per-commit syncs. */
final class LmdbEngine implements KvEngine {
    static final int PUTS_PER_TXN = 10_000;
    static final long MAP_SIZE = 16L << 30;

    private final Env<ByteBuffer> env;
    private final Dbi<ByteBuffer> dbi;
    private final ByteBuffer keyBuffer;
    private ByteBuffer valueBuffer = ByteBuffer.allocateDirect(4096);
    private Txn<ByteBuffer> writeTxn;
    private int putsInTxn;
    private Txn<ByteBuffer> readTxn;

    LmdbEngine(Path directory) {
        directory.toFile().mkdirs();
        env = Env.create()
                .setMapSize(MAP_SIZE)
                .setMaxDbs(1)
                .open(directory.toFile(), EnvFlags.MDB_NOSYNC, EnvFlags.MDB_NOTLS);
        dbi = env.openDbi("bench", DbiFlags.MDB_CREATE);
        keyBuffer = ByteBuffer.allocateDirect(env.getMaxKeySize());
    }

    @Override
    public void put(byte[] key, byte[] value) {
        if (writeTxn == null) {
            writeTxn = env.txnWrite();
        }
        if (valueBuffer.capacity() < value.length) {
            valueBuffer = ByteBuffer.allocateDirect(value.length);
        }
        keyBuffer.clear().put(key).flip();
        valueBuffer.clear().put(value).flip();
        dbi.put(writeTxn, keyBuffer, valueBuffer);
        if (++putsInTxn == PUTS_PER_TXN) {
            commit();
        }
    }

    private void commit() {
        if (writeTxn != null) {
            writeTxn.commit();
            writeTxn.close();
            writeTxn = null;
            putsInTxn = 0;
        }
    }

    @Override
    public void makeDurable() {
        commit();
        env.sync(true);
    }

    private Txn<ByteBuffer> readTxn() {
        if (readTxn == null) {
            readTxn = env.txnRead();
        }
        return readTxn;
    }

    @Override
    public byte[] get(byte[] key) {
        keyBuffer.clear().put(key).flip();
        ByteBuffer found = dbi.get(readTxn(), keyBuffer);
        return found == null ? null : copy(found);
    }

    @Override
    public long scan(Blackhole sink) {
        long n = 0;
        try (Cursor<ByteBuffer> cursor = dbi.openCursor(readTxn())) {
            for (boolean more = cursor.first(); more; more = cursor.next()) {
                sink.consume(copy(cursor.key()));
                sink.consume(copy(cursor.val()));
                n++;
            }
        }
        return n;
    }

    private static byte[] copy(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    @Override
    public void close() {
        commit();
        if (readTxn != null) {
            readTxn.close();
        }
        dbi.close();
        env.close();
    }
}
