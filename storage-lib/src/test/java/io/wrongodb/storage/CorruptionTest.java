package io.wrongodb.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.wrongodb.storage.block.CorruptBlockException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One flipped byte anywhere in the file is either harmless (free space, unused bytes) or reported as a {@link
 * CorruptBlockException} that names the block; it never comes back as wrong data. The file is walked with the
 * formats documented in BlockFile, CheckpointSlot, LeafPage, InternalPage, MetadataTable and ExtentList ({@link
 * FileMap}), independently of the engine's own reading code.
 */
class CorruptionTest {
    private static final long SEED = 0xC0FFEEL;

    @TempDir
    Path dir;

    private Path file;
    private final Map<String, TreeMap<byte[], byte[]>> expected = new LinkedHashMap<>();

    @BeforeEach
    void setUp() {
        file = dir.resolve(Connection.FILE_NAME);
    }

    // ---- building a database ----------------------------------------------------------------------------

    private void put(Session session, String table, byte[] key, byte[] value) {
        session.openCursor(table).put(key, value);
        expected.computeIfAbsent(table, t -> CrashWorker.newTable()).put(key, value);
    }

    private void remove(Session session, String table, byte[] key) {
        session.openCursor(table).remove(key);
        expected.get(table).remove(key);
    }

    /** Four tables (one empty), overflow values, a multi-level tree, and free space inside the file. */
    private void buildDatabase() {
        SplittableRandom random = new SplittableRandom(SEED);
        // A roomier cache to build with; the probes read with the small cache, so reading evicts.
        try (Connection connection = Connection.open(dir, CrashWorker.config().withCacheSize(64L << 20))) {
            for (String table : List.of("empty", "mixed", "overflow", "small")) {
                connection.createTable(table);
                expected.put(table, CrashWorker.newTable());
            }
            try (Session session = connection.openSession()) {
                // Scattered order, so splits happen mid-page and the tree grows three levels deep.
                for (int n = 0; n < 4000; n++) {
                    int i = (int) ((n * 7919L) % 4000);
                    put(
                            session,
                            "small",
                            CrashWorker.key(i),
                            CrashWorker.value(random.nextLong(), random.nextInt(120)));
                }
                for (int i = 0; i < 40; i++) {
                    put(
                            session,
                            "overflow",
                            CrashWorker.key(i),
                            CrashWorker.value(random.nextLong(), 8193 + random.nextInt(150_000)));
                }
                for (int i = 0; i < 1200; i++) {
                    int length = i % 50 == 0 ? 9000 + random.nextInt(20_000) : random.nextInt(300);
                    put(session, "mixed", CrashWorker.key(i), CrashWorker.value(random.nextLong(), length));
                }
                connection.checkpoint();
                // Free space inside the file: a third of "small" goes, some overflow values are rewritten.
                for (int i = 0; i < 4000; i += 3) {
                    remove(session, "small", CrashWorker.key(i));
                }
                for (int i = 0; i < 40; i += 4) {
                    put(
                            session,
                            "overflow",
                            CrashWorker.key(i),
                            CrashWorker.value(random.nextLong(), 8193 + random.nextInt(20_000)));
                }
                connection.checkpoint();
                for (int i = 1; i < 1200; i += 7) {
                    remove(session, "mixed", CrashWorker.key(i));
                }
            }
        } // close() checkpoints once more
        assertThat(readEverything()).as("the pristine database").isEqualTo(Outcome.INTACT);
    }

    // ---- probing --------------------------------------------------------------------------------------------

    enum Outcome {
        INTACT,
        CORRUPT,
        WRONG_DATA,
        OTHER_FAILURE
    }

    private String lastMessage;
    private Throwable lastFailure;

    /** Opens the database, reads every table and every value, and closes the file without checkpointing. */
    private Outcome readEverything() {
        lastMessage = null;
        lastFailure = null;
        Connection connection = null;
        try {
            connection = Connection.open(dir, CrashWorker.config());
            String difference = CrashWorker.difference(expected, CrashWorker.readAll(connection));
            lastMessage = difference;
            return difference == null ? Outcome.INTACT : Outcome.WRONG_DATA;
        } catch (CorruptBlockException e) {
            lastFailure = e;
            lastMessage = e.getMessage();
            return Outcome.CORRUPT;
        } catch (RuntimeException | Error e) {
            lastFailure = e;
            lastMessage = e.toString();
            return Outcome.OTHER_FAILURE;
        } finally {
            if (connection != null) {
                connection.file().close();
            }
        }
    }

    private static Pattern namesOffset(long offset) {
        return Pattern.compile("\\boffset " + offset + "\\b");
    }

    private void flip(long position, int mask) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position);
            one.put(0, (byte) (one.get(0) ^ mask));
            channel.write(one.clear(), position);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int mask(SplittableRandom random) {
        return 1 + random.nextInt(255);
    }

    private void restore(byte[] pristine) {
        try {
            Files.write(file, pristine);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the tests ------------------------------------------------------------------------------------------

    @Test
    void everyFlippedByteIsHarmlessOrReportedWithItsBlockOffset() throws IOException {
        buildDatabase();
        byte[] pristine = Files.readAllBytes(file);
        FileMap map = FileMap.read(file);
        assertThat(map.unaccountedSpace()).as("space neither live nor free").isEmpty();
        assertThat(map.depth().get("small")).as("levels of the tree 'small'").isGreaterThanOrEqualTo(3);
        assertThat(map.blocks()).anyMatch(b -> b.type() == FileMap.OVERFLOW_VALUE);
        assertThat(map.free()).as("free space inside the file").isNotEmpty();

        SplittableRandom random = new SplittableRandom(SEED);
        int unit = map.unit();
        List<String> failures = new ArrayList<>();
        int live = 0;
        int free = 0;
        // Every unit after the header and the two slots, at a random byte.
        List<long[]> probes = new ArrayList<>();
        for (long at = 3L * unit; at < pristine.length; at += unit) {
            probes.add(new long[] {at + random.nextInt(unit), mask(random)});
        }
        // And the header fields and the last padding byte of every block.
        for (FileMap.Block block : map.blocks()) {
            for (int field : new int[] {0, 3, 4, 7, 8, 9, 15, 16, block.size() - 1}) {
                probes.add(new long[] {block.offset() + field, mask(random)});
            }
        }
        for (long[] probe : probes) {
            long position = probe[0];
            FileMap.Block block = map.blockContaining(position);
            flip(position, (int) probe[1]);
            Outcome outcome = readEverything();
            flip(position, (int) probe[1]);
            String where = "byte " + position + (block == null ? " (free)" : " in " + block);
            if (block != null) {
                live++;
                if (outcome != Outcome.CORRUPT) {
                    failures.add(where + ": " + outcome + " " + lastMessage);
                } else if (!namesOffset(block.offset()).matcher(lastMessage).find()) {
                    failures.add(where + ": the error does not name offset " + block.offset() + ": " + lastMessage);
                }
            } else {
                free++;
                if (outcome != Outcome.INTACT) {
                    failures.add(where + ": " + outcome + " " + lastMessage);
                }
            }
        }
        System.out.printf(
                "CorruptionTest: %d probes in %d live blocks (%d bytes) and %d free units of a %d-byte file%n",
                probes.size(), map.blocks().size(), map.liveBytes(), free, pristine.length);
        assertThat(failures).as("probes that went wrong").isEmpty();
        assertThat(live).isGreaterThan(100);
        assertThat(Files.readAllBytes(file)).as("every byte restored").isEqualTo(pristine);
    }

    @Test
    void anIntactBlockInTheWrongPlaceIsCaughtByItsParentsChecksum() throws IOException {
        buildDatabase();
        byte[] pristine = Files.readAllBytes(file);
        FileMap map = FileMap.read(file);
        // Two leaves of the same size: copy one over the other. Each is a valid block on its own.
        Map<Integer, FileMap.Block> bySize = new TreeMap<>();
        FileMap.Block target = null;
        FileMap.Block source = null;
        for (FileMap.Block block : map.blocks()) {
            if (block.type() == FileMap.LEAF_PAGE && block.owner().equals("small")) {
                FileMap.Block other = bySize.putIfAbsent(block.size(), block);
                if (other != null) {
                    source = other;
                    target = block;
                    break;
                }
            }
        }
        assertThat(target).as("two leaves of one size").isNotNull();
        byte[] copy = pristine.clone();
        System.arraycopy(pristine, (int) source.offset(), copy, (int) target.offset(), target.size());
        restore(copy);
        assertThat(readEverything()).isEqualTo(Outcome.CORRUPT);
        assertThat(lastMessage).containsPattern(namesOffset(target.offset()));
        restore(pristine);
    }

    @Test
    void aFileCutShortIsReportedNotReadAsData() throws IOException {
        buildDatabase();
        byte[] pristine = Files.readAllBytes(file);
        FileMap map = FileMap.read(file);
        FileMap.Block last = map.blocks().stream()
                .max(Comparator.comparingLong(FileMap.Block::offset))
                .orElseThrow();
        assertThat(last.offset() + last.size())
                .as("the last block ends the file")
                .isEqualTo(pristine.length);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(last.offset() + last.size() - 1);
        }
        assertThat(readEverything()).as(String.valueOf(lastMessage)).isEqualTo(Outcome.CORRUPT);
        assertThat(lastMessage).contains(String.valueOf(last.offset()));
        restore(pristine);
        assertThat(readEverything()).isEqualTo(Outcome.INTACT);
    }

    @Test
    void aFlippedByteInTheFileHeaderFailsTheOpen() throws IOException {
        buildDatabase();
        byte[] pristine = Files.readAllBytes(file);
        SplittableRandom random = new SplittableRandom(SEED);
        // Bytes 0..19 are magic, version, unit and their CRC: every one of them must be checked.
        for (int position = 0; position < 20; position++) {
            int mask = mask(random);
            flip(position, mask);
            assertThat(readEverything())
                    .as("header byte " + position + ": " + lastMessage)
                    .isEqualTo(Outcome.CORRUPT);
            assertThat(lastMessage).containsPattern("bad magic|header failed its checksum");
            flip(position, mask);
        }
        // The rest of the header's unit is unused.
        for (int i = 0; i < 20; i++) {
            int position = 20 + random.nextInt(4096 - 20);
            int mask = mask(random);
            flip(position, mask);
            assertThat(readEverything()).as("unused header byte " + position).isEqualTo(Outcome.INTACT);
            flip(position, mask);
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(pristine);
    }

    /** Content A in one checkpoint, content B (A with more rows and some changed) in the next and newest. */
    private Map<String, TreeMap<byte[], byte[]>> buildTwoCheckpoints() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        Map<String, TreeMap<byte[], byte[]>> contentA;
        try (Connection connection = Connection.open(dir, CrashWorker.config())) {
            connection.createTable("t");
            connection.createTable("u");
            expected.put("t", CrashWorker.newTable());
            expected.put("u", CrashWorker.newTable());
            try (Session session = connection.openSession()) {
                for (int i = 0; i < 3000; i++) {
                    put(session, "t", CrashWorker.key(i), CrashWorker.value(random.nextLong(), random.nextInt(200)));
                }
                for (int i = 0; i < 10; i++) {
                    put(
                            session,
                            "u",
                            CrashWorker.key(i),
                            CrashWorker.value(random.nextLong(), 10_000 + random.nextInt(50_000)));
                }
                connection.checkpoint();
                contentA = deepCopy(expected);
                for (int i = 0; i < 3000; i += 2) {
                    put(session, "t", CrashWorker.key(i), CrashWorker.value(random.nextLong(), random.nextInt(200)));
                }
                for (int i = 3000; i < 4000; i++) {
                    put(session, "t", CrashWorker.key(i), CrashWorker.value(random.nextLong(), random.nextInt(200)));
                }
                put(session, "u", CrashWorker.key(3), CrashWorker.value(random.nextLong(), 70_000));
                remove(session, "u", CrashWorker.key(4));
            }
        } // close() writes the checkpoint of B
        assertThat(CrashWorker.difference(contentA, expected))
                .as("A and B differ")
                .isNotNull();
        assertThat(readEverything()).isEqualTo(Outcome.INTACT);
        return contentA;
    }

    private static Map<String, TreeMap<byte[], byte[]>> deepCopy(Map<String, TreeMap<byte[], byte[]>> content) {
        Map<String, TreeMap<byte[], byte[]>> copy = new LinkedHashMap<>();
        content.forEach((table, rows) -> {
            TreeMap<byte[], byte[]> rowsCopy = CrashWorker.newTable();
            rowsCopy.putAll(rows);
            copy.put(table, rowsCopy);
        });
        return copy;
    }

    @Test
    void aCorruptNewestSlotOpensThePreviousCheckpoint() throws IOException {
        Map<String, TreeMap<byte[], byte[]>> contentA = buildTwoCheckpoints();
        Map<String, TreeMap<byte[], byte[]>> contentB = deepCopy(expected);
        byte[] pristine = Files.readAllBytes(file);
        FileMap map = FileMap.read(file);
        long newestSlot = map.unit() * (1 + map.generation() % 2);
        SplittableRandom random = new SplittableRandom(SEED);
        // Every byte the slot's CRC covers, and the CRC itself.
        for (int field = 0; field < 72; field++) {
            flip(newestSlot + field, mask(random));
            expected.clear();
            expected.putAll(contentA);
            assertThat(readEverything())
                    .as("newest slot byte " + field + " flipped: " + lastMessage)
                    .isEqualTo(Outcome.INTACT);
            restore(pristine); // opening at A gave B's blocks back to the file system: restore all of it
        }
        expected.clear();
        expected.putAll(contentB);
        assertThat(readEverything()).isEqualTo(Outcome.INTACT);
    }

    @Test
    void aCorruptOlderSlotIsIgnored() throws IOException {
        buildTwoCheckpoints();
        byte[] pristine = Files.readAllBytes(file);
        FileMap map = FileMap.read(file);
        long olderSlot = map.unit() * (1 + (map.generation() + 1) % 2);
        SplittableRandom random = new SplittableRandom(SEED);
        for (int field = 0; field < 72; field += 7) {
            int mask = mask(random);
            flip(olderSlot + field, mask);
            assertThat(readEverything())
                    .as("older slot byte " + field + ": " + lastMessage)
                    .isEqualTo(Outcome.INTACT);
            flip(olderSlot + field, mask);
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(pristine);
    }

    @Test
    void bothSlotsCorruptFailsTheOpen() throws IOException {
        buildTwoCheckpoints();
        FileMap map = FileMap.read(file);
        flip(map.unit() + 8, 0x01);
        flip(2L * map.unit() + 40, 0x80);
        assertThat(readEverything()).isEqualTo(Outcome.CORRUPT);
        assertThat(lastMessage).contains("neither checkpoint slot is valid");
    }

    // ---- an independent reader of the file format -----------------------------------------------------------

    /** The blocks the newest valid checkpoint references, and its free extents, read straight from the file. */
    record FileMap(
            int unit,
            long generation,
            long fileSize,
            List<Block> blocks,
            List<long[]> free,
            Map<String, Integer> depth) {
        static final byte LEAF_PAGE = 1;
        static final byte INTERNAL_PAGE = 2;
        static final byte OVERFLOW_VALUE = 3;
        static final byte EXTENT_LIST = 4;

        /** A live block: what it is and which tree ("metadata", a table name, or "checkpoint") it belongs to. */
        record Block(long offset, int size, byte type, String owner) {
            @Override
            public String toString() {
                String kind =
                        switch (type) {
                            case LEAF_PAGE -> "leaf";
                            case INTERNAL_PAGE -> "internal page";
                            case OVERFLOW_VALUE -> "overflow value";
                            case EXTENT_LIST -> "extent list";
                            default -> "type " + type;
                        };
                return kind + " of " + owner + " at offset " + offset + " (" + size + " bytes)";
            }
        }

        record Address(long offset, int size, int checksum) {
            static Address read(ByteBuffer in, int at) {
                return new Address(in.getLong(at), in.getInt(at + 8), in.getInt(at + 12));
            }

            boolean isNone() {
                return size == 0;
            }
        }

        /** The generation in each checkpoint slot, or -1 for a slot that is empty, torn or corrupt. */
        static long[] slotGenerations(Path path) throws IOException {
            byte[] bytes = Files.readAllBytes(path);
            ByteBuffer all = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            int unit = all.getInt(12);
            long[] generations = new long[2];
            for (int slot = 0; slot < 2; slot++) {
                int at = unit * (1 + slot);
                CRC32C crc = new CRC32C();
                crc.update(bytes, at, 68);
                boolean valid =
                        all.getLong(at) == 0x3130_5450_4b43_4757L && (int) crc.getValue() == all.getInt(at + 68);
                generations[slot] = valid ? all.getLong(at + 8) : -1;
            }
            return generations;
        }

        static FileMap read(Path path) throws IOException {
            byte[] bytes = Files.readAllBytes(path);
            ByteBuffer all = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            int unit = all.getInt(12);
            ByteBuffer best = null;
            for (int slot = 0; slot < 2; slot++) {
                ByteBuffer s = all.slice(unit * (1 + slot), 72).order(ByteOrder.LITTLE_ENDIAN);
                CRC32C crc = new CRC32C();
                crc.update(bytes, unit * (1 + slot), 68);
                boolean valid = s.getLong(0) == 0x3130_5450_4b43_4757L && (int) crc.getValue() == s.getInt(68);
                if (valid && (best == null || s.getLong(8) > best.getLong(8))) {
                    best = s;
                }
            }
            if (best == null) {
                throw new IllegalStateException("no valid slot");
            }
            FileMap map = new FileMap(
                    unit, best.getLong(8), best.getLong(48), new ArrayList<>(), new ArrayList<>(), new TreeMap<>());
            Address metadataRoot = Address.read(best, 16);
            Address availList = Address.read(best, 32);
            if (!availList.isNone()) {
                ByteBuffer list = map.block(all, availList, EXTENT_LIST, "checkpoint");
                int count = list.getInt(0);
                for (int i = 0; i < count; i++) {
                    map.free.add(new long[] {list.getLong(4 + 16 * i), list.getLong(12 + 16 * i)});
                }
            }
            Map<String, Address> tables = new TreeMap<>();
            if (!metadataRoot.isNone()) {
                map.walk(all, metadataRoot, "metadata", 1, (key, value) -> {
                    Address root = Address.read(ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN), 1);
                    tables.put(new String(key, StandardCharsets.UTF_8), root);
                });
            }
            tables.forEach((table, root) -> {
                if (!root.isNone()) {
                    map.walk(all, root, table, 1, (key, value) -> {});
                }
            });
            map.blocks.sort(Comparator.comparingLong(Block::offset));
            return map;
        }

        private ByteBuffer block(ByteBuffer all, Address address, byte type, String owner) {
            ByteBuffer block = all.slice((int) address.offset(), address.size()).order(ByteOrder.LITTLE_ENDIAN);
            byte[] copy = new byte[address.size()];
            block.get(0, copy);
            ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 0);
            CRC32C crc = new CRC32C();
            crc.update(copy);
            if ((int) crc.getValue() != block.getInt(4)
                    || block.getInt(4) != address.checksum()
                    || block.get(8) != type) {
                throw new IllegalStateException("bad block " + address + " of " + owner);
            }
            blocks.add(new Block(address.offset(), address.size(), type, owner));
            return block.slice(16, block.getInt(0)).order(ByteOrder.LITTLE_ENDIAN);
        }

        private void walk(ByteBuffer all, Address address, String owner, int level, Visitor visitor) {
            depth.merge(owner, level, Math::max);
            ByteBuffer probe = all.slice((int) address.offset(), address.size());
            byte type = probe.get(8);
            ByteBuffer page = block(all, address, type, owner);
            int count = Short.toUnsignedInt(page.getShort(2));
            for (int i = 0; i < count; i++) {
                int cell = page.getInt(4 + 4 * i);
                int keyLength = Short.toUnsignedInt(page.getShort(cell));
                byte[] key = new byte[keyLength];
                page.get(cell + 2, key);
                int at = cell + 2 + keyLength;
                if (type == INTERNAL_PAGE) {
                    walk(all, Address.read(page, at), owner, level + 1, visitor);
                } else if (type == LEAF_PAGE) {
                    byte kind = page.get(at);
                    int length = page.getInt(at + 1);
                    if (kind == 1) {
                        Address overflow = Address.read(page, at + 5);
                        ByteBuffer value = block(all, overflow, OVERFLOW_VALUE, owner);
                        if (value.remaining() != length) {
                            throw new IllegalStateException("overflow length mismatch at " + overflow);
                        }
                        byte[] valueBytes = new byte[length];
                        value.get(0, valueBytes);
                        visitor.visit(key, valueBytes);
                    } else {
                        byte[] value = new byte[length];
                        page.get(at + 5, value);
                        visitor.visit(key, value);
                    }
                } else {
                    throw new IllegalStateException("not a page at " + address);
                }
            }
        }

        interface Visitor {
            void visit(byte[] key, byte[] value);
        }

        /** The live block holding byte {@code position}, or null if it is free. */
        Block blockContaining(long position) {
            for (Block block : blocks) {
                if (block.offset() <= position && position < block.offset() + block.size()) {
                    return block;
                }
            }
            return null;
        }

        long liveBytes() {
            return blocks.stream().mapToLong(Block::size).sum();
        }

        long freeBytes() {
            return free.stream().mapToLong(extent -> extent[1]).sum();
        }

        /**
         * Ranges of [3 units, file size) that are neither a live block nor free, and overlaps: each is space
         * the allocator lost track of, or a block counted twice.
         */
        List<String> unaccountedSpace() {
            List<long[]> ranges = new ArrayList<>();
            blocks.forEach(block -> ranges.add(new long[] {block.offset(), block.size()}));
            ranges.addAll(free);
            ranges.sort(Comparator.comparingLong(range -> range[0]));
            List<String> problems = new ArrayList<>();
            long at = 3L * unit;
            for (long[] range : ranges) {
                if (range[0] > at) {
                    problems.add("lost " + at + "+" + (range[0] - at));
                } else if (range[0] < at) {
                    problems.add("overlap at " + range[0] + "+" + range[1] + " (covered up to " + at + ")");
                }
                at = Math.max(at, range[0] + range[1]);
            }
            if (at != fileSize) {
                problems.add("accounted space ends at " + at + ", the checkpoint's file size is " + fileSize);
            }
            return problems;
        }
    }

    @Test
    void fileMapSeesEveryRowTheEngineSees() throws IOException {
        buildDatabase();
        FileMap map = FileMap.read(file);
        // Sanity of the independent reader: it finds the tables, their levels and overflow blocks.
        assertThat(map.depth().keySet()).containsExactlyInAnyOrder("metadata", "empty", "mixed", "overflow", "small");
        assertThat(map.depth().get("empty")).isEqualTo(1);
        assertThat(map.blocks().stream()
                        .filter(b -> b.owner().equals("overflow") && b.type() == FileMap.OVERFLOW_VALUE))
                .hasSize(expected.get("overflow").size());
        assertThat(map.blocks())
                .filteredOn(b -> b.type() == FileMap.EXTENT_LIST)
                .hasSize(1);
    }

    @Test
    void aCorruptNewestSlotAfterASmallChangeNeverGivesWrongData() throws IOException {
        // Content A, then B changes one row. B's few new blocks fit in A's free space, and the blocks B freed
        // (A's root, metadata and extent list, at the end of the file) are cut off when B's checkpoint trims the
        // free tail. So once B is durable, A can no longer be read: the two slots guard against a torn slot
        // write, not against a slot damaged after its checkpoint completed. What must hold: the fallback reads
        // A exactly, or reports the damage; it never returns other data.
        Map<String, TreeMap<byte[], byte[]>> contentA;
        long generationB;
        Connection connection = Connection.open(dir, StorageConfig.defaults());
        connection.createTable("t");
        expected.put("t", CrashWorker.newTable());
        try (Session session = connection.openSession()) {
            for (int i = 0; i < 1000; i++) {
                put(session, "t", CrashWorker.key(i), CrashWorker.value(i, 1000));
            }
            connection.checkpoint();
            for (int i = 0; i < 900; i++) {
                remove(session, "t", CrashWorker.key(i));
            }
            connection.checkpoint();
            contentA = deepCopy(expected);
            long sizeA = connection.file().fileSize();
            put(session, "t", CrashWorker.key(950), CrashWorker.value(950, 10));
            generationB = connection.checkpoint().generation();
            System.out.printf(
                    "CorruptionTest: file %d bytes at checkpoint A, %d at B%n",
                    sizeA, connection.file().fileSize());
        }
        connection.file().close(); // no further checkpoint: B is the newest
        assertThat(readEverything()).isEqualTo(Outcome.INTACT);

        flip(BLOCK_UNIT * (1 + generationB % 2) + 20, 0xFF);
        expected.clear();
        expected.putAll(contentA);
        Outcome outcome = readEverything();
        System.out.println("CorruptionTest: newest slot corrupt after a small change: " + outcome + " " + lastMessage);
        assertThat(outcome).as(String.valueOf(lastMessage)).isIn(Outcome.INTACT, Outcome.CORRUPT);
    }

    private static final long BLOCK_UNIT = 4096;

    @Test
    void aFailedOpenClosesTheFile() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fds), "needs /proc/self/fd");
        buildDatabase();
        flip(2L * BLOCK_UNIT + 8, 0x01); // slot 1
        flip(BLOCK_UNIT + 8, 0x01); // slot 0: neither is valid now
        long before;
        try (var list = Files.list(fds)) {
            before = list.count();
        }
        for (int i = 0; i < 20; i++) {
            assertThat(readEverything()).isEqualTo(Outcome.CORRUPT);
        }
        long after;
        try (var list = Files.list(fds)) {
            after = list.count();
        }
        // BlockFile.open opens the FileChannel and does not close it when readHeader or loadCheckpoint throws,
        // nor does Connection.open when reading the metadata root fails.
        assertThat(after - before)
                .as("file descriptors left open by 20 failed opens")
                .isLessThan(5);
    }

    @Test
    void unwrittenOverflowValuesInASingleLeafTreeCanBeEvicted() {
        // 40 values of 80 KB (3.2 MB) into a new table with a 2 MiB cache. The table stays one leaf (a leaf holds
        // an overflow value as a 16-byte address), BTree.evict returns 0 for a tree whose root is a leaf, and the
        // leaf's footprint counts every overflow value not yet written. The same with the default config: the
        // 257th distinct 1 MiB value put into a new table fails with the default 256 MiB cache.
        try (Connection connection = Connection.open(dir, CrashWorker.config())) {
            connection.createTable("t");
            try (Session session = connection.openSession()) {
                TableCursor cursor = session.openCursor("t");
                for (int i = 0; i < 40; i++) {
                    cursor.put(CrashWorker.key(i), CrashWorker.value(i, 80_000));
                }
            }
            assertThat(CrashWorker.readAll(connection).get("t")).hasSize(40);
        }
    }
}
