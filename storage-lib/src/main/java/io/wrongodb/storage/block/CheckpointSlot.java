package io.wrongodb.storage.block;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * One of the two checkpoint slots at the start of the file. Checkpoint generation g is written to slot g % 2, so
 * the previous checkpoint's slot is never touched while a new one is written; on open, the valid slot with the
 * higher generation wins. A torn slot fails its CRC and the other slot is used.
 *
 * <pre>
 * Checkpoint slot (one allocation unit at offset unit * (1 + g % 2); little-endian; part of the file format)
 * offset size field
 *      0    8 magic "WGCKPT01"
 *      8    8 generation
 *     16   16 address of the metadata tree's root page (see BlockAddress)
 *     32   16 address of the avail extent list: the file's free space once this checkpoint is durable
 *     48    8 file size at the checkpoint; bytes past it belong to no checkpoint
 *     56    4 log file number of the checkpoint's log position (0 = no log)
 *     60    8 offset in that log file: recovery replays the log from here
 *     68    4 CRC-32C of bytes 0..67
 * </pre>
 *
 * The log position is kept as a plain (file, offset) pair: the block file stores it, the engine above gives it
 * meaning.
 */
public record CheckpointSlot(
        long generation,
        BlockAddress metadataRoot,
        BlockAddress availList,
        long fileSize,
        int logFile,
        long logOffset) {
    /** Part of the file format. */
    static final long MAGIC = 0x3130_5450_4b43_4757L; // "WGCKPT01" read little-endian

    static final int SERIALIZED_SIZE = 72;

    ByteBuffer serialize(int allocationUnit) {
        ByteBuffer out = ByteBuffer.allocate(allocationUnit).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(MAGIC).putLong(generation);
        metadataRoot.writeTo(out);
        availList.writeTo(out);
        out.putLong(fileSize).putInt(logFile).putLong(logOffset);
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, 68);
        out.putInt((int) crc.getValue());
        return out.clear();
    }

    /** The slot stored in {@code bytes}, or null if it is empty, torn or not a slot. */
    static CheckpointSlot parse(ByteBuffer bytes) {
        ByteBuffer in = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (in.remaining() < SERIALIZED_SIZE || in.getLong(0) != MAGIC) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(in.slice(in.position(), 68));
        if ((int) crc.getValue() != in.getInt(in.position() + 68)) {
            return null;
        }
        in.getLong();
        long generation = in.getLong();
        BlockAddress root = BlockAddress.readFrom(in);
        BlockAddress avail = BlockAddress.readFrom(in);
        long fileSize = in.getLong();
        int logFile = in.getInt();
        long logOffset = in.getLong();
        return new CheckpointSlot(generation, root, avail, fileSize, logFile, logOffset);
    }
}
