package io.wrongodb.storage;

import io.wrongodb.storage.block.BlockFile;
import io.wrongodb.storage.btree.TreeConfig;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The writer of the crash tests, run in a child JVM that the test kills: {@code CrashWorker <dir> <seed> <mode>}.
 *
 * <p>It opens the database in {@code dir} and finds the last round the data holds (every round writes its number
 * under {@link #ROUND_KEY} in both tables), so a worker killed at any point resumes where the durable state ends.
 * Round 0 creates the two tables and checkpoints them; round r ≥ 1 applies {@link #batch(long, int)} and
 * checkpoints. After each checkpoint returns it prints {@code CHECKPOINT r} and flushes, so the last such line
 * a test saw is a round that was durable (the next one may be durable too: the kill can land between the
 * checkpoint and the print).
 *
 * <p>Modes: {@code loop} runs rounds until killed; {@code until:N} stops after round N and closes normally (exit
 * 0). Run with {@code -Dwrongodb.fault=<point>}, the first checkpoint the worker makes halts the JVM at that point.
 *
 * <p>Output lines (stdout): {@code RESUMED r} once opened ({@code -1}: no tables yet), {@code BEGIN r} before a
 * round's batch, {@code CHECKPOINTING r} before its checkpoint, {@code CHECKPOINT r} after it, {@code STATS ...}.
 */
public final class CrashWorker {
    static final String[] TABLES = {"alpha", "beta"};
    /** Holds the number of the last round applied, as a 4-byte big-endian int. Sorts before every other key. */
    static final byte[] ROUND_KEY = "!round".getBytes(StandardCharsets.US_ASCII);

    /** Keys 0..SMALL_KEYS-1 hold small inline values (0..400 bytes). */
    static final int SMALL_KEYS = 6000;
    /** Keys after them hold overflow values of 8 KiB + 1 .. 40 KB. */
    static final int MEDIUM_KEYS = 24;
    /** And a few hold large overflow values of 64 KiB .. 1 MiB. */
    static final int LARGE_KEYS = 3;

    static final int BULK_KEYS = 4500;
    static final int OPS_PER_TABLE = 300;
    static final int OVERFLOW_THRESHOLD = 8 * 1024;
    static final int MAX_VALUE = 1024 * 1024;

    private CrashWorker() {}

    /**
     * Small pages (so a few thousand keys make a tree three or four levels deep) and a small cache (so eviction writes
     * leaves between checkpoints); the default 8 KiB overflow threshold.
     */
    static StorageConfig config() {
        // Without the log: these crash tests check checkpoints alone (WalCrashLoopTest checks the log).
        return new StorageConfig(
                2L * 1024 * 1024,
                BlockFile.DEFAULT_ALLOCATION_UNIT,
                new TreeConfig(17 * 1024, 512, OVERFLOW_THRESHOLD, 64, 4 * 1024 * 1024));
    }

    // ---- the deterministic workload ---------------------------------------------------------------------

    /** One write: {@code length < 0} removes the key, else puts {@code value(valueSeed, length)}. */
    record Op(int table, byte[] key, long valueSeed, int length) {
        boolean isRemove() {
            return length < 0;
        }
    }

    private static final byte[][] KEYS = new byte[SMALL_KEYS + MEDIUM_KEYS + LARGE_KEYS][];

    /** Key {@code id}: 6 to 10 bytes ("000042xy"), unique per id, in the order of the ids. */
    static byte[] key(int id) {
        if (id < KEYS.length) {
            byte[] key = KEYS[id];
            if (key == null) {
                key = makeKey(id);
                KEYS[id] = key;
            }
            return key;
        }
        return makeKey(id);
    }

    private static byte[] makeKey(int id) {
        String text = String.format("%06d", id) + "xyzw".substring(0, id % 5);
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] roundValue(int round) {
        return ByteBuffer.allocate(4).putInt(round).array();
    }

    static byte[] value(long valueSeed, int length) {
        byte[] bytes = new byte[length];
        SplittableRandom random = new SplittableRandom(valueSeed);
        int i = 0;
        while (i + 8 <= length) {
            long word = random.nextLong();
            for (int b = 0; b < 8; b++) {
                bytes[i++] = (byte) (word >>> (8 * b));
            }
        }
        while (i < length) {
            bytes[i++] = (byte) random.nextInt();
        }
        return bytes;
    }

    private static long mix(long seed, long round) {
        long z = seed * 0x9E3779B97F4A7C15L + round * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The writes of round {@code round} (≥ 1), derived from (seed, round) alone; the round key comes last. */
    static List<Op> batch(long seed, int round) {
        SplittableRandom random = new SplittableRandom(mix(seed, round));
        List<Op> bulk = new ArrayList<>();
        if (round == 1) {
            // A bulk load first, so the trees are several levels deep from the first round on (and no large
            // value lands in a tree that is still a single leaf, see CorruptionTest's cache bug).
            for (int table = 0; table < TABLES.length; table++) {
                for (int i = 0; i < BULK_KEYS; i++) {
                    int id = (int) ((i * 7919L) % SMALL_KEYS);
                    bulk.add(new Op(table, key(id), random.nextLong(), random.nextInt(401)));
                }
            }
        }
        List<Op> ops = new ArrayList<>();
        for (int table = 0; table < TABLES.length; table++) {
            for (int i = 0; i < OPS_PER_TABLE; i++) {
                int id = random.nextInt(SMALL_KEYS);
                if (random.nextInt(100) < 22) {
                    ops.add(new Op(table, key(id), 0, -1));
                } else {
                    ops.add(new Op(table, key(id), random.nextLong(), random.nextInt(401)));
                }
            }
            if (random.nextInt(5) == 0) {
                // Remove a run of neighbouring keys (in key order): whole leaves empty and leave the tree.
                int from = random.nextInt(SMALL_KEYS - 400);
                int count = 100 + random.nextInt(300);
                for (int id = from; id < from + count; id++) {
                    ops.add(new Op(table, key(id), 0, -1));
                }
            }
            for (int i = 0; i < 3; i++) {
                int id = SMALL_KEYS + random.nextInt(MEDIUM_KEYS);
                if (random.nextInt(4) == 0) {
                    ops.add(new Op(table, key(id), 0, -1));
                } else {
                    ops.add(new Op(table, key(id), random.nextLong(), OVERFLOW_THRESHOLD + 1 + random.nextInt(32_000)));
                }
            }
            if (random.nextInt(3) == 0) {
                int id = SMALL_KEYS + MEDIUM_KEYS + random.nextInt(LARGE_KEYS);
                if (random.nextInt(4) == 0) {
                    ops.add(new Op(table, key(id), 0, -1));
                } else {
                    int length = random.nextInt(8) == 0 ? MAX_VALUE : 64 * 1024 + random.nextInt(MAX_VALUE - 64 * 1024);
                    ops.add(new Op(table, key(id), random.nextLong(), length));
                }
            }
        }
        // Shuffle so the tables' writes interleave and large values land between small ones.
        for (int i = ops.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Op swap = ops.get(i);
            ops.set(i, ops.get(j));
            ops.set(j, swap);
        }
        bulk.addAll(ops);
        return bulk;
    }

    static TreeMap<byte[], byte[]> newTable() {
        return new TreeMap<>(Arrays::compareUnsigned);
    }

    /**
     * What the tables hold after round {@code round}: table name to its keys and values. Round -1 is the empty
     * directory (no tables); round 0 is the two tables holding only the round key.
     */
    static Map<String, TreeMap<byte[], byte[]>> expectedModel(long seed, int round) {
        Model model = new Model(seed);
        model.advanceTo(round);
        return model.content();
    }

    /**
     * The expected content, kept as (value seed, length) per key so that replaying many rounds costs no value
     * bytes; {@link #content()} makes the bytes. Advances only forwards.
     */
    static final class Model {
        private final long seed;
        private final List<TreeMap<byte[], long[]>> specs = new ArrayList<>();
        private int round = -1;

        Model(long seed) {
            this.seed = seed;
            for (int table = 0; table < TABLES.length; table++) {
                specs.add(new TreeMap<>(Arrays::compareUnsigned));
            }
        }

        int round() {
            return round;
        }

        Model copy() {
            Model copy = new Model(seed);
            for (int table = 0; table < TABLES.length; table++) {
                copy.specs.get(table).putAll(specs.get(table));
            }
            copy.round = round;
            return copy;
        }

        void advanceTo(int target) {
            if (target < round) {
                throw new IllegalArgumentException("the model is at round " + round + ", cannot go back to " + target);
            }
            for (int r = Math.max(round + 1, 1); r <= target; r++) {
                for (Op op : batch(seed, r)) {
                    if (op.isRemove()) {
                        specs.get(op.table()).remove(op.key());
                    } else {
                        specs.get(op.table()).put(op.key(), new long[] {op.valueSeed(), op.length()});
                    }
                }
            }
            round = target;
        }

        Map<String, TreeMap<byte[], byte[]>> content() {
            Map<String, TreeMap<byte[], byte[]>> content = new LinkedHashMap<>();
            if (round < 0) {
                return content;
            }
            for (int table = 0; table < TABLES.length; table++) {
                TreeMap<byte[], byte[]> rows = newTable();
                specs.get(table).forEach((key, spec) -> rows.put(key, value(spec[0], (int) spec[1])));
                rows.put(ROUND_KEY, roundValue(round));
                content.put(TABLES[table], rows);
            }
            return content;
        }
    }

    /** Applies round {@code round}'s batch (≥ 1) and its round key; does not checkpoint. */
    static void applyRound(Connection connection, long seed, int round) {
        try (Session session = connection.openSession()) {
            TableCursor[] cursors = new TableCursor[TABLES.length];
            for (int table = 0; table < TABLES.length; table++) {
                cursors[table] = session.openCursor(TABLES[table]);
            }
            for (Op op : batch(seed, round)) {
                if (op.isRemove()) {
                    cursors[op.table()].remove(op.key());
                } else {
                    cursors[op.table()].put(op.key(), value(op.valueSeed(), op.length()));
                }
            }
            for (TableCursor cursor : cursors) {
                cursor.put(ROUND_KEY, roundValue(round));
            }
        }
    }

    /** Round 0: creates the tables with round key 0; does not checkpoint. */
    static void createTables(Connection connection) {
        for (String table : TABLES) {
            connection.createTable(table);
        }
        try (Session session = connection.openSession()) {
            for (String table : TABLES) {
                session.openCursor(table).put(ROUND_KEY, roundValue(0));
            }
        }
    }

    /** The last round the data holds; -1 if there are no tables. Fails if the two tables disagree. */
    static int lastRound(Connection connection) {
        List<String> names = connection.tableNames();
        if (names.isEmpty()) {
            return -1;
        }
        if (!names.equals(List.of(TABLES))) {
            throw new IllegalStateException("unexpected tables " + names);
        }
        int round = Integer.MIN_VALUE;
        try (Session session = connection.openSession()) {
            for (String table : TABLES) {
                TableCursor cursor = session.openCursor(table);
                if (!cursor.search(ROUND_KEY)) {
                    throw new IllegalStateException("table " + table + " has no round key");
                }
                int stored = ByteBuffer.wrap(cursor.value()).getInt();
                cursor.reset();
                if (round != Integer.MIN_VALUE && stored != round) {
                    throw new IllegalStateException("tables disagree on the round: " + round + " vs " + stored);
                }
                round = stored;
            }
        }
        return round;
    }

    /** Every table and its content, read through cursors. */
    static Map<String, TreeMap<byte[], byte[]>> readAll(Connection connection) {
        Map<String, TreeMap<byte[], byte[]>> content = new LinkedHashMap<>();
        try (Session session = connection.openSession()) {
            for (String table : connection.tableNames()) {
                TreeMap<byte[], byte[]> rows = newTable();
                TableCursor cursor = session.openCursor(table);
                while (cursor.next()) {
                    byte[] previous = rows.put(cursor.key(), cursor.value());
                    if (previous != null) {
                        throw new IllegalStateException("table " + table + " returned a key twice");
                    }
                }
                content.put(table, rows);
            }
        }
        return content;
    }

    /** Null if the two contents are equal, else where they first differ. */
    static String difference(
            Map<String, TreeMap<byte[], byte[]>> expected, Map<String, TreeMap<byte[], byte[]>> actual) {
        if (!expected.keySet().equals(actual.keySet())) {
            return "tables " + actual.keySet() + ", expected " + expected.keySet();
        }
        for (String table : expected.keySet()) {
            TreeMap<byte[], byte[]> want = expected.get(table);
            TreeMap<byte[], byte[]> got = actual.get(table);
            if (want.size() != got.size()) {
                return "table " + table + " has " + got.size() + " keys, expected " + want.size()
                        + firstKeyDifference(want, got);
            }
            for (Map.Entry<byte[], byte[]> entry : want.entrySet()) {
                byte[] value = got.get(entry.getKey());
                if (value == null) {
                    return "table " + table + " lacks key " + show(entry.getKey()) + firstKeyDifference(want, got);
                }
                if (!Arrays.equals(value, entry.getValue())) {
                    return "table " + table + " key " + show(entry.getKey()) + " holds " + value.length
                            + " bytes that differ from the expected " + entry.getValue().length + " bytes";
                }
            }
        }
        return null;
    }

    private static String firstKeyDifference(TreeMap<byte[], byte[]> want, TreeMap<byte[], byte[]> got) {
        for (byte[] key : got.keySet()) {
            if (!want.containsKey(key)) {
                return "; first unexpected key " + show(key);
            }
        }
        for (byte[] key : want.keySet()) {
            if (!got.containsKey(key)) {
                return "; first missing key " + show(key);
            }
        }
        return "";
    }

    static String show(byte[] key) {
        return new String(key, StandardCharsets.US_ASCII);
    }

    // ---- the child process ------------------------------------------------------------------------------

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        String mode = args[2];
        int until = mode.equals("loop") ? Integer.MAX_VALUE : Integer.parseInt(mode.substring("until:".length()));
        PrintStream out = System.out;

        Connection connection = Connection.open(dir, config());
        int last = lastRound(connection);
        out.println("RESUMED " + last);
        out.flush();
        if (last < 0) {
            out.println("BEGIN 0");
            out.flush();
            createTables(connection);
            checkpoint(connection, 0, out);
            last = 0;
        }
        for (int round = last + 1; round <= until; round++) {
            out.println("BEGIN " + round);
            out.flush();
            long evictedBefore = connection.cache().evictedPages();
            applyRound(connection, seed, round);
            long evicted = connection.cache().evictedPages() - evictedBefore;
            checkpoint(connection, round, out);
            BlockFile file = connection.file();
            out.println("STATS " + round + " evicted=" + evicted + " fileSize=" + file.fileSize() + " avail="
                    + file.availableBytes() + " discard=" + file.discardedBytes());
            out.flush();
        }
        connection.close();
        out.println("CLOSED");
        out.flush();
    }

    private static void checkpoint(Connection connection, int round, PrintStream out) {
        out.println("CHECKPOINTING " + round);
        out.flush();
        connection.checkpoint();
        out.println("CHECKPOINT " + round);
        out.flush();
    }
}
