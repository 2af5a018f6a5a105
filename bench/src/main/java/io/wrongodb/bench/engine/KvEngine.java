package io.wrongodb.bench.engine;

import org.openjdk.jmh.infra.Blackhole;

/**
 * The few operations the storage benchmarks need from a key-value engine. One thread at a time.
 *
 * <p>Every engine runs with comparable durability: no write is synced on its own; {@link #makeDurable()} (the last
 * step of a measured load) makes everything written so far durable on disk with an fsync. See {@link Engines} for
 * what that means for each engine.
 */
public interface KvEngine extends AutoCloseable {
    /** Inserts or replaces. Neither array is changed or kept by the caller afterwards. */
    void put(byte[] key, byte[] value);

    /** Ends a load: everything put so far is on disk and synced when this returns. */
    void makeDurable();

    /** Lets background work started by the load finish (for building read data sets; never measured). */
    default void settle() {}

    /** The value stored under {@code key} as a fresh or engine-owned array, or null. */
    byte[] get(byte[] key);

    /** Reads every entry in key order, handing each key and value (as byte arrays) to {@code sink}. */
    long scan(Blackhole sink);

    @Override
    void close();
}
