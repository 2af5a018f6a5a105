package io.wrongodb.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wrongodb.storage.btree.TreeConfig;
import io.wrongodb.storage.txn.WriteConflictException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Random interleavings of three sessions' transactions against a model of snapshot isolation: a committed
 * {@link TreeMap}, each running transaction's snapshot of it with its own writes laid over, and for each key the
 * number of the last commit that wrote it.
 *
 * <p>The model decides every outcome before the engine runs the operation: a read returns the transaction's view
 * (or, outside a transaction, the committed map); a write conflicts exactly when another running transaction has
 * written the key, or a commit after the writer's snapshot has; otherwise insert, update and remove succeed or
 * refuse as the view says. Commits, rollbacks, checkpoints and reopens (which abandon running transactions) come in
 * between, in small pages with a small cache, so versions are folded, evicted leaves come back, and checkpoints
 * write leaves as a snapshot sees them.
 */
class TransactionModelPropertyTest {
    static final int SESSIONS = 3;
    static final int KEYS = 12;
    static final TreeConfig SMALL_PAGES = new TreeConfig(1024, 512, 256, 64, 64 << 20);
    static final Comparator<byte[]> UNSIGNED = Arrays::compareUnsigned;

    enum Kind {
        BEGIN,
        COMMIT,
        ROLLBACK,
        PUT,
        INSERT,
        UPDATE,
        REMOVE,
        GET,
        SCAN,
        CHECKPOINT,
        REOPEN
    }

    record Op(Kind kind, int session, int key, int valueSize, int seed) {}

    @Property(tries = 60, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void transactionsBehaveLikeTheSnapshotIsolationModel(@ForAll("ops") List<Op> ops) {
        Path dir = tempDir();
        try {
            new Harness(dir).run(ops);
        } finally {
            deleteRecursively(dir);
        }
        // The conflict rule is tested only if conflicts happen: in a share of tries (about a third on average), not by
        // luck in one.
        Statistics.label("write conflicts").coverage(c -> c.check(true).percentage(p -> p >= 10));
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Kind> kinds = Arbitraries.frequency(
                Tuple.of(6, Kind.BEGIN),
                Tuple.of(4, Kind.COMMIT),
                Tuple.of(2, Kind.ROLLBACK),
                Tuple.of(14, Kind.PUT),
                Tuple.of(5, Kind.INSERT),
                Tuple.of(5, Kind.UPDATE),
                Tuple.of(6, Kind.REMOVE),
                Tuple.of(8, Kind.GET),
                Tuple.of(2, Kind.SCAN),
                Tuple.of(1, Kind.CHECKPOINT),
                Tuple.of(1, Kind.REOPEN));
        Arbitrary<Integer> sizes = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.integers().between(0, 60)),
                Tuple.of(1, Arbitraries.integers().between(200, 1500)));
        Arbitrary<Op> op = Combinators.combine(
                        kinds,
                        Arbitraries.integers().between(0, SESSIONS - 1),
                        Arbitraries.integers().between(0, KEYS - 1),
                        sizes,
                        Arbitraries.integers())
                .as(Op::new);
        return op.list().ofMinSize(20).ofMaxSize(400);
    }

    /** A running transaction in the model: what it saw at begin, and what it wrote since. */
    static final class ModelTxn {
        final TreeMap<byte[], byte[]> snapshot;
        final long readUpTo;
        final TreeMap<byte[], Optional<byte[]>> writes = new TreeMap<>(UNSIGNED);

        ModelTxn(TreeMap<byte[], byte[]> committed, long readUpTo) {
            this.snapshot = new TreeMap<>(committed);
            this.readUpTo = readUpTo;
        }

        TreeMap<byte[], byte[]> view() {
            TreeMap<byte[], byte[]> view = new TreeMap<>(snapshot);
            writes.forEach((k, v) -> {
                if (v.isPresent()) {
                    view.put(k, v.get());
                } else {
                    view.remove(k);
                }
            });
            return view;
        }
    }

    static final class Harness {
        final Path dir;
        final StorageConfig config = StorageConfig.defaults()
                .withCacheSize(512 * 1024)
                .withTree(SMALL_PAGES)
                .withCheckpointInterval(java.time.Duration.ZERO);
        Connection conn;
        Session[] sessions = new Session[SESSIONS];
        TableCursor[] cursors = new TableCursor[SESSIONS];

        final TreeMap<byte[], byte[]> committed = new TreeMap<>(UNSIGNED);
        final Map<Integer, Long> lastCommitOf = new HashMap<>();
        final ModelTxn[] running = new ModelTxn[SESSIONS];
        long commits;
        int conflicts;

        Harness(Path dir) {
            this.dir = dir;
        }

        void run(List<Op> ops) {
            open();
            try {
                for (int i = 0; i < ops.size(); i++) {
                    apply(ops.get(i), i);
                }
                reopen();
                assertThat(scan(0)).as("after the last reopen").isEqualTo(entries(committed));
                Statistics.label("write conflicts").collect(conflicts > 0);
            } finally {
                conn.close();
            }
        }

        void open() {
            conn = Connection.open(dir, config);
            if (!conn.hasTable("t")) {
                conn.createTable("t");
            }
            for (int s = 0; s < SESSIONS; s++) {
                sessions[s] = conn.openSession();
                cursors[s] = sessions[s].openCursor("t");
            }
        }

        void reopen() {
            // Running transactions never committed: closing forgets them, as a crash would.
            Arrays.fill(running, null);
            conn.close();
            open();
        }

        void apply(Op op, int step) {
            int s = op.session();
            ModelTxn txn = running[s];
            byte[] key = key(op.key());
            byte[] value = value(op.valueSize(), op.seed());
            String at = "step " + step + " " + op;
            switch (op.kind()) {
                case BEGIN -> {
                    if (txn == null) {
                        sessions[s].begin();
                        running[s] = new ModelTxn(committed, commits);
                    }
                }
                case COMMIT -> {
                    if (txn != null) {
                        sessions[s].commit();
                        running[s] = null;
                        if (!txn.writes.isEmpty()) {
                            commits++;
                            txn.writes.forEach((k, v) -> {
                                lastCommitOf.put(keyId(k), commits);
                                if (v.isPresent()) {
                                    committed.put(k, v.get());
                                } else {
                                    committed.remove(k);
                                }
                            });
                        }
                    }
                }
                case ROLLBACK -> {
                    if (txn != null) {
                        sessions[s].rollback();
                        running[s] = null;
                    }
                }
                case PUT, INSERT, UPDATE, REMOVE -> write(op, s, txn, key, value, at);
                case GET -> {
                    byte[] expected = (txn == null ? committed : txn.view()).get(key);
                    TableCursor c = cursors[s];
                    if (expected == null) {
                        assertThat(c.search(key)).as(at).isFalse();
                    } else {
                        assertThat(c.search(key)).as(at).isTrue();
                        assertThat(c.value()).as(at).isEqualTo(expected);
                    }
                    c.reset();
                }
                case SCAN -> {
                    TreeMap<byte[], byte[]> view = txn == null ? committed : txn.view();
                    assertThat(scan(s)).as(at).isEqualTo(entries(view));
                }
                case CHECKPOINT -> conn.checkpoint();
                case REOPEN -> reopen();
            }
        }

        void write(Op op, int s, ModelTxn txn, byte[] key, byte[] value, String at) {
            boolean heldByOther = false;
            for (int other = 0; other < SESSIONS; other++) {
                if (other != s && running[other] != null && running[other].writes.containsKey(key)) {
                    heldByOther = true;
                }
            }
            if (txn == null && heldByOther) {
                // A single write waits for the other transaction to end, which this one thread never lets it do.
                return;
            }
            TableCursor c = cursors[s];
            boolean conflict = heldByOther || (txn != null && lastCommitOf.getOrDefault(op.key(), 0L) > txn.readUpTo);
            if (conflict) {
                conflicts++;
                assertThatThrownBy(() -> engineWrite(op.kind(), c, key, value))
                        .as(at + ": the model says this write conflicts")
                        .isInstanceOf(WriteConflictException.class);
                return;
            }
            TreeMap<byte[], byte[]> view = txn == null ? committed : txn.view();
            boolean present = view.containsKey(key);
            boolean expected =
                    switch (op.kind()) {
                        case PUT -> true;
                        case INSERT -> !present;
                        case UPDATE, REMOVE -> present;
                        default -> throw new IllegalStateException();
                    };
            assertThat(engineWrite(op.kind(), c, key, value)).as(at).isEqualTo(expected);
            if (!expected) {
                return;
            }
            Optional<byte[]> written = op.kind() == Kind.REMOVE ? Optional.empty() : Optional.of(value);
            if (txn != null) {
                txn.writes.put(key, written);
            } else {
                commits++;
                lastCommitOf.put(op.key(), commits);
                if (written.isPresent()) {
                    committed.put(key, value);
                } else {
                    committed.remove(key);
                }
            }
        }

        static boolean engineWrite(Kind kind, TableCursor c, byte[] key, byte[] value) {
            return switch (kind) {
                case PUT -> {
                    c.put(key, value);
                    yield true;
                }
                case INSERT -> c.insert(key, value);
                case UPDATE -> c.update(key, value);
                case REMOVE -> c.remove(key);
                default -> throw new IllegalStateException();
            };
        }

        List<Map.Entry<String, String>> scan(int s) {
            TableCursor c = cursors[s];
            c.reset();
            List<Map.Entry<String, String>> out = new java.util.ArrayList<>();
            while (c.next()) {
                out.add(Map.entry(hex(c.key()), hex(c.value())));
            }
            // And backwards, which must agree.
            List<Map.Entry<String, String>> back = new java.util.ArrayList<>();
            while (c.prev()) {
                back.add(0, Map.entry(hex(c.key()), hex(c.value())));
            }
            assertThat(back).as("a backward scan").isEqualTo(out);
            return out;
        }
    }

    static List<Map.Entry<String, String>> entries(TreeMap<byte[], byte[]> map) {
        return map.entrySet().stream()
                .map(e -> Map.entry(hex(e.getKey()), hex(e.getValue())))
                .toList();
    }

    static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }

    static byte[] key(int id) {
        return new byte[] {(byte) 'k', (byte) id};
    }

    static int keyId(byte[] key) {
        return key[1];
    }

    static byte[] value(int size, int seed) {
        byte[] v = new byte[size];
        new java.util.Random(seed).nextBytes(v);
        return v;
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("wrongodb-txn-model");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
