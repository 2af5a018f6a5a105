package io.wrongodb.bench.engine;

import java.nio.file.Path;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.openjdk.jmh.infra.Blackhole;

/** H2's MVStore with its defaults (background auto-commit, no per-write sync). */
final class MvStoreEngine implements KvEngine {
    private final MVStore store;
    private final MVMap<byte[], byte[]> map;

    MvStoreEngine(Path directory) {
        directory.toFile().mkdirs();
        store = new MVStore.Builder()
                .fileName(directory.resolve("bench.mv.db").toString())
                .cacheSize((int) (Engines.CACHE_BYTES >> 20))
                .open();
        map = store.openMap(
                "bench",
                new MVMap.Builder<byte[], byte[]>()
                        .keyType(ByteArrayDataType.INSTANCE)
                        .valueType(ByteArrayDataType.INSTANCE));
    }

    @Override
    public void put(byte[] key, byte[] value) {
        map.put(key, value);
    }

    @Override
    public void makeDurable() {
        store.commit();
        store.sync();
    }

    @Override
    public byte[] get(byte[] key) {
        return map.get(key);
    }

    @Override
    public long scan(Blackhole sink) {
        long n = 0;
        Cursor<byte[], byte[]> cursor = map.cursor(null);
        while (cursor.hasNext()) {
            sink.consume(cursor.next());
            sink.consume(cursor.getValue());
            n++;
        }
        return n;
    }

    @Override
    public void close() {
        store.close();
    }
}
