package io.wrongodb.storage.block;

import io.wrongodb.storage.support.FaultPoints;
import io.wrongodb.storage.support.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * The file every page lives in: a header, two checkpoint slots, then checksummed blocks of any multiple of the
 * allocation unit.
 *
 * <pre>
 * File layout (U = allocation unit, 4096 by default)
 *   0      file header (one unit):
 *            offset size field
 *                 0    8 magic "WRONGODB"
 *                 8    4 format version (1)
 *                12    4 allocation unit U
 *                16    4 CRC-32C of bytes 0..15
 *   U      checkpoint slot 0 (even generations), see CheckpointSlot
 *   2U     checkpoint slot 1 (odd generations)
 *   3U…    blocks
 *
 * Block (size a multiple of U; little-endian; part of the file format)
 * offset size field
 *      0    4 payload length in bytes
 *      4    4 CRC-32C of the whole block, computed with this field set to 0
 *      8    1 block type (see BlockType)
 *      9    7 reserved, zero
 *     16    … payload, then zero padding to the block size
 * </pre>
 *
 * <p>Space is tracked in three sets, as WiredTiger's block manager does. {@code avail}: free now. {@code
 * discard}: freed since the last checkpoint but still part of it, so not reusable until the next checkpoint is
 * durable (a crash must find the last checkpoint intact). Blocks allocated since the last checkpoint belong to no
 * durable checkpoint, so freeing one returns it to avail at once.
 *
 * <p>Thread-safe: allocation and I/O bookkeeping are synchronized; reads of distinct blocks run in parallel.
 */
public final class BlockFile implements AutoCloseable {
    /** Part of the file format. */
    static final long FILE_MAGIC = 0x42_44_4f_47_4e_4f_52_57L; // "WRONGODB" read little-endian

    static final int FORMAT_VERSION = 1;
    static final int BLOCK_HEADER_SIZE = 16;
    public static final int DEFAULT_ALLOCATION_UNIT = 4096;
    /** Blocks up to this size are read and written through a reused per-thread buffer. */
    private static final int MAX_SCRATCH_BYTES = 1 << 20;

    private static final byte[] ZEROS = new byte[4096];
    private static final ThreadLocal<ByteBuffer> SCRATCH =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(64 * 1024).order(ByteOrder.LITTLE_ENDIAN));

    private final Path path;
    private final FileChannel channel;
    private final int unit;
    private final ExtentList avail = new ExtentList();
    private final ExtentList discard = new ExtentList();
    // Freed while a checkpoint that still references them is being written: free only once the checkpoint after
    // that one is durable.
    private final ExtentList heldForNext = new ExtentList();
    private final Set<Long> allocatedSinceCheckpoint = new HashSet<>();
    private long fileSize;
    private CheckpointSlot checkpoint;
    private long blocksReused;
    private long blocksAppended;

    private BlockFile(Path path, FileChannel channel, int unit) {
        this.path = path;
        this.channel = channel;
        this.unit = unit;
    }

    /**
     * Opens the file at {@code path}, creating an empty one (no checkpoint yet) if it does not exist. A new file is
     * built under a temporary name and renamed into place once its header and slot are synced, so a crash while
     * creating it leaves no file rather than a half-made one.
     */
    public static BlockFile open(Path path, int allocationUnit) {
        Path creating = path.resolveSibling(path.getFileName() + ".creating");
        FileChannel channel = null;
        try {
            Files.deleteIfExists(creating);
            if (!Files.exists(path)) {
                channel = FileChannel.open(
                        creating, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
                BlockFile file = new BlockFile(path, channel, allocationUnit);
                file.initialize();
                Files.move(creating, path, StandardCopyOption.ATOMIC_MOVE);
                syncDirectory(path.toAbsolutePath().getParent());
                return file;
            }
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            int unit = readHeader(path, channel);
            BlockFile file = new BlockFile(path, channel, unit);
            file.loadCheckpoint();
            return file;
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (e instanceof StorageException storage) {
                throw storage;
            }
            throw new StorageException("cannot open " + path + ": " + e.getMessage(), e);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException ignored) {
            // Some file systems cannot sync a directory; the rename is then as durable as they make it.
        }
    }

    private void initialize() throws IOException {
        ByteBuffer header = ByteBuffer.allocate(unit).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(FILE_MAGIC).putInt(FORMAT_VERSION).putInt(unit);
        CRC32C crc = new CRC32C();
        crc.update(header.array(), 0, 16);
        header.putInt((int) crc.getValue()).clear();
        writeFully(header, 0);
        fileSize = 3L * unit;
        checkpoint = new CheckpointSlot(0, BlockAddress.NONE, BlockAddress.NONE, fileSize, 0, 0);
        writeFully(checkpoint.serialize(unit), slotOffset(0));
        writeFully(ByteBuffer.allocate(unit), slotOffset(1));
        channel.force(true);
    }

    private static int readHeader(Path path, FileChannel channel) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        channel.read(header, 0);
        header.flip();
        if (header.remaining() < 20 || header.getLong(0) != FILE_MAGIC) {
            throw new CorruptBlockException(path + " is not a WrongoDB block file (bad magic)");
        }
        CRC32C crc = new CRC32C();
        crc.update(header.array(), 0, 16);
        if ((int) crc.getValue() != header.getInt(16)) {
            throw new CorruptBlockException(path + ": the file header failed its checksum");
        }
        int version = header.getInt(8);
        if (version != FORMAT_VERSION) {
            throw new StorageException(
                    path + " has format version " + version + "; this build reads version " + FORMAT_VERSION);
        }
        return header.getInt(12);
    }

    private void loadCheckpoint() throws IOException {
        CheckpointSlot best = null;
        for (int slot = 0; slot < 2; slot++) {
            ByteBuffer bytes = ByteBuffer.allocate(unit);
            channel.read(bytes, slotOffset(slot));
            CheckpointSlot parsed = CheckpointSlot.parse(bytes.flip());
            if (parsed != null && (best == null || parsed.generation() > best.generation())) {
                best = parsed;
            }
        }
        if (best == null) {
            throw new CorruptBlockException(path + ": neither checkpoint slot is valid");
        }
        checkpoint = best;
        fileSize = best.fileSize();
        // Blocks past the checkpoint's end were written after it (eviction, an unfinished checkpoint): drop them.
        if (channel.size() > fileSize) {
            channel.truncate(fileSize);
        }
        if (!best.availList().isNone()) {
            avail.addAll(ExtentList.readFrom(read(best.availList(), BlockType.EXTENT_LIST)));
        }
    }

    private long slotOffset(long generation) {
        return unit * (1 + (generation % 2));
    }

    public Path path() {
        return path;
    }

    public int allocationUnit() {
        return unit;
    }

    /** The checkpoint the file was opened at, or the last one written. */
    public synchronized CheckpointSlot checkpoint() {
        return checkpoint;
    }

    public synchronized long fileSize() {
        return fileSize;
    }

    /** Bytes free for reuse now (not counting space freed since the last checkpoint). */
    public synchronized long availableBytes() {
        return avail.totalBytes();
    }

    /** Bytes freed since the last checkpoint, reusable once the next checkpoint is durable. */
    public synchronized long discardedBytes() {
        return discard.totalBytes();
    }

    /** Both checkpoint slots as they are on disk now, index = slot number; null for an empty or torn slot. */
    public synchronized CheckpointSlot[] readSlots() {
        CheckpointSlot[] slots = new CheckpointSlot[2];
        for (int slot = 0; slot < 2; slot++) {
            ByteBuffer bytes = ByteBuffer.allocate(unit);
            try {
                channel.read(bytes, slotOffset(slot));
            } catch (IOException e) {
                throw new StorageException("cannot read checkpoint slot " + slot + " of " + path, e);
            }
            slots[slot] = CheckpointSlot.parse(bytes.flip());
        }
        return slots;
    }

    /** What the file looks like now: for the examples, the docs and the tests. */
    public record Stats(
            long generation,
            long fileSize,
            long availableBytes,
            long discardedBytes,
            long blocksReused,
            long blocksAppended) {}

    public synchronized Stats stats() {
        return new Stats(
                checkpoint.generation(),
                fileSize,
                avail.totalBytes(),
                discard.totalBytes(),
                blocksReused,
                blocksAppended);
    }

    /** Writes {@code payload} (position to limit) into a newly allocated block. */
    public BlockAddress write(byte type, ByteBuffer payload) {
        long size = roundUp(BLOCK_HEADER_SIZE + (long) payload.remaining());
        if (size > Integer.MAX_VALUE) {
            throw new StorageException("a block of " + size + " bytes is too large");
        }
        long offset = allocate((int) size);
        try {
            return writeAt(offset, (int) size, type, payload.duplicate());
        } catch (IOException e) {
            throw new StorageException("cannot write block at " + offset + " in " + path + ": " + e.getMessage(), e);
        }
    }

    /** Reads the block at {@code address}, checks it, and returns its payload (its type byte is at payload 0 for pages). */
    public ByteBuffer read(BlockAddress address, byte expectedType) {
        if (address.isNone()) {
            throw new IllegalArgumentException("cannot read the empty address");
        }
        ByteBuffer block = scratch(address.size());
        try {
            int read = 0;
            while (block.hasRemaining()) {
                int n = channel.read(block, address.offset() + block.position());
                if (n < 0) {
                    throw new CorruptBlockException("block " + address + " in " + path + " lies past the end of the"
                            + " file (" + read + " of " + address.size() + " bytes present)");
                }
                read += n;
            }
        } catch (IOException e) {
            throw new StorageException("cannot read block " + address + " in " + path + ": " + e.getMessage(), e);
        }
        int stored = block.getInt(4);
        block.putInt(4, 0);
        int computed = checksum(block.flip());
        if (computed != stored || stored != address.checksum()) {
            throw new CorruptBlockException("block at offset " + address.offset() + " (" + address.size()
                    + " bytes) in " + path + " failed its checksum: computed " + Integer.toHexString(computed)
                    + ", stored " + Integer.toHexString(stored) + ", expected by its parent "
                    + Integer.toHexString(address.checksum()));
        }
        int length = block.getInt(0);
        byte type = block.get(8);
        boolean typeMatches = expectedType == BlockType.ANY_PAGE
                ? type == BlockType.LEAF_PAGE || type == BlockType.INTERNAL_PAGE
                : type == expectedType;
        if (!typeMatches || length < 0 || length > address.size() - BLOCK_HEADER_SIZE) {
            throw new CorruptBlockException(
                    "block at offset " + address.offset() + " in " + path + " is a " + BlockType.name(type)
                            + " block of " + length + " bytes; expected a " + BlockType.name(expectedType));
        }
        byte[] payload = new byte[length];
        block.get(BLOCK_HEADER_SIZE, payload);
        return ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * A buffer of {@code size} bytes (position 0, limit size) for one block read or write by this thread: reused
     * and outside the heap, so blocks are neither zeroed on allocation nor copied through the JDK's temporary
     * buffers on their way to the file. Blocks larger than the reused buffer keeps get a buffer of their own.
     */
    private static ByteBuffer scratch(int size) {
        if (size > MAX_SCRATCH_BYTES) {
            return ByteBuffer.allocateDirect(size).order(ByteOrder.LITTLE_ENDIAN);
        }
        ByteBuffer buffer = SCRATCH.get();
        if (buffer.capacity() < size) {
            buffer = ByteBuffer.allocateDirect(Math.max(size, 2 * buffer.capacity()))
                    .order(ByteOrder.LITTLE_ENDIAN);
            SCRATCH.set(buffer);
        }
        return buffer.clear().limit(size);
    }

    private static int checksum(ByteBuffer block) {
        CRC32C crc = new CRC32C();
        crc.update(block.duplicate());
        return (int) crc.getValue();
    }

    /** Frees a block that no page references any more. */
    public synchronized void free(BlockAddress address) {
        if (address.isNone()) {
            return;
        }
        if (allocatedSinceCheckpoint.remove(address.offset())) {
            avail.add(address.offset(), address.size());
        } else {
            discard.add(address.offset(), address.size());
        }
    }

    /**
     * Frees a block that the checkpoint being written no longer references, but that a reader may still be about
     * to read: it is free in that checkpoint's lists, and reusable only once the checkpoint is durable, whenever it
     * was allocated.
     */
    public synchronized void freeAfterCheckpoint(BlockAddress address) {
        freeInto(discard, address);
    }

    /**
     * Frees a block that the checkpoint being written references (its tree was written before the block left it):
     * it stays in use in that checkpoint, becomes discard once that checkpoint is durable, and is reusable after
     * the one after.
     */
    public synchronized void freeAfterNextCheckpoint(BlockAddress address) {
        freeInto(heldForNext, address);
    }

    /** Puts a freed block on {@code list}, never straight back into avail, whenever it was allocated. */
    private void freeInto(ExtentList list, BlockAddress address) {
        if (address.isNone()) {
            return;
        }
        allocatedSinceCheckpoint.remove(address.offset());
        list.add(address.offset(), address.size());
    }

    private synchronized long allocate(int size) {
        long offset = avail.allocate(size);
        if (offset < 0) {
            offset = fileSize;
            fileSize += size;
            blocksAppended++;
        } else {
            blocksReused++;
        }
        allocatedSinceCheckpoint.add(offset);
        return offset;
    }

    /**
     * Makes a checkpoint durable: every page of it must already be written. Writes the free-space list, syncs the
     * file, writes the next slot, syncs again, and only then lets the space discarded since the last checkpoint
     * be reused. A crash anywhere before the slot is synced reopens at the previous checkpoint.
     */
    public synchronized CheckpointSlot checkpoint(BlockAddress metadataRoot) {
        return checkpoint(metadataRoot, 0, 0);
    }

    /**
     * As {@link #checkpoint(BlockAddress)}, recording the log position ({@code logFile}, {@code logOffset}) from
     * which recovery must replay on top of this checkpoint.
     */
    public synchronized CheckpointSlot checkpoint(BlockAddress metadataRoot, int logFile, long logOffset) {
        try {
            FaultPoints.reach("checkpoint.after-pages");
            free(checkpoint.availList());
            // The free space of the new checkpoint: what is free now plus what only the old checkpoint used. The
            // list's own block comes out of avail first, so the list does not claim it; one spare entry covers a
            // split of the extent it is cut from.
            int listBytes = 4 + 16 * (avail.count() + discard.count() + 1);
            long listSize = roundUp(BLOCK_HEADER_SIZE + (long) listBytes);
            long listOffset = allocate((int) listSize);
            ExtentList free = new ExtentList();
            free.addAll(avail);
            free.addAll(discard);
            long end = fileSize;
            long tail = free.removeEndingAt(end);
            if (tail >= 0) {
                end = tail;
            }
            ByteBuffer listPayload = ByteBuffer.allocate(free.serializedSize()).order(ByteOrder.LITTLE_ENDIAN);
            free.writeTo(listPayload);
            BlockAddress listAddress = writeAt(listOffset, (int) listSize, BlockType.EXTENT_LIST, listPayload.flip());
            FaultPoints.reach("checkpoint.after-extent-list");
            channel.force(false);
            FaultPoints.reach("checkpoint.after-sync");

            CheckpointSlot next =
                    new CheckpointSlot(checkpoint.generation() + 1, metadataRoot, listAddress, end, logFile, logOffset);
            ByteBuffer slot = next.serialize(unit);
            if (FaultPoints.armed("checkpoint.torn-slot")) {
                writeFully(slot.limit(CheckpointSlot.SERIALIZED_SIZE / 2), slotOffset(next.generation()));
                channel.force(false);
                FaultPoints.reach("checkpoint.torn-slot");
            }
            writeFully(slot, slotOffset(next.generation()));
            FaultPoints.reach("checkpoint.after-slot");
            channel.force(false);

            checkpoint = next;
            avail.addAll(discard);
            discard.clear();
            discard.addAll(heldForNext);
            heldForNext.clear();
            allocatedSinceCheckpoint.clear();
            if (end < fileSize) {
                // The free tail is given back to the file system.
                long trimmed = avail.removeEndingAt(fileSize);
                fileSize = trimmed >= 0 ? trimmed : fileSize;
                channel.truncate(fileSize);
            }
            return next;
        } catch (IOException e) {
            throw new StorageException("checkpoint of " + path + " failed: " + e.getMessage(), e);
        }
    }

    private BlockAddress writeAt(long offset, int size, byte type, ByteBuffer payload) throws IOException {
        ByteBuffer block = scratch(size);
        block.putInt(payload.remaining())
                .putInt(0)
                .put(type)
                .putInt(0)
                .putShort((short) 0)
                .put((byte) 0);
        block.put(payload);
        while (block.hasRemaining()) {
            block.put(ZEROS, 0, Math.min(ZEROS.length, block.remaining()));
        }
        int checksum = checksum(block.flip());
        block.putInt(4, checksum);
        writeFully(block, offset);
        return new BlockAddress(offset, size, checksum);
    }

    private void writeFully(ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    private long roundUp(long bytes) {
        return (bytes + unit - 1) / unit * unit;
    }

    /** Flushes written blocks to stable storage. */
    public void sync() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new StorageException("cannot sync " + path + ": " + e.getMessage(), e);
        }
    }

    /** False once the file was closed. */
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new StorageException("cannot close " + path + ": " + e.getMessage(), e);
        }
    }
}
