package io.wrongodb.storage.wal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The framing of one log record.
 *
 * <pre>
 * Log record (starts at a multiple of 8; little-endian; part of the log format)
 * offset size field
 *      0    4 record length in bytes, this header included, padding excluded (0 = no record: end of log)
 *      4    4 CRC-32C of the record (length bytes), computed with this field set to 0
 *      8    8 the record's own offset in its file: tells a record from stale or shifted bytes
 *     16    8 batch number: every record of one group-commit write carries the same one
 *     24    1 type (see the constants)
 *     25    3 reserved, zero
 *     28    … payload
 *      …      zero padding to a multiple of 8
 * </pre>
 *
 * <p>The batch number lets recovery tell a torn tail from damage in the middle: the log writer writes a batch,
 * fsyncs it, and only then writes the next one, so a good record in a batch two or more past a bad record proves
 * the bad record had been synced (see {@link LogScanner}).
 */
public final class LogRecord {
    public static final int HEADER_SIZE = 28;
    public static final int ALIGNMENT = 8;

    /** Record types. Part of the log format. */
    public static final byte FILE_HEADER = 1;
    /** A transaction's changes, as the engine encodes them. */
    public static final byte COMMIT = 2;
    /** Marks the LSN a checkpoint covers. */
    public static final byte CHECKPOINT = 3;

    private LogRecord() {}

    public static int alignedSize(int payloadLength) {
        return align(HEADER_SIZE + payloadLength);
    }

    static int align(int length) {
        return (length + ALIGNMENT - 1) & -ALIGNMENT;
    }

    /** Writes a framed record at {@code out}'s position (which must be {@code fileOffset} in the file). */
    static void write(ByteBuffer out, long fileOffset, long batch, byte type, ByteBuffer payload) {
        int start = out.position();
        int length = HEADER_SIZE + payload.remaining();
        out.order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(length)
                .putInt(0)
                .putLong(fileOffset)
                .putLong(batch)
                .put(type)
                .put((byte) 0)
                .putShort((short) 0);
        out.put(payload.duplicate());
        CRC32C crc = new CRC32C();
        crc.update(out.duplicate().position(start).limit(start + length));
        out.putInt(start + 4, (int) crc.getValue());
        int padded = align(length);
        for (int i = length; i < padded; i++) {
            out.put((byte) 0);
        }
    }

    /** A record read back: its place, batch, type and payload (a big-endian view; its owner decodes it). */
    public record Read(Lsn lsn, long batch, byte type, ByteBuffer payload, int alignedSize) {}

    /**
     * The record at {@code offset} of {@code file} in {@code bytes}, or null if the bytes there are not a whole,
     * intact record written for that offset.
     */
    static Read parse(ByteBuffer bytes, int file, long offset) {
        ByteBuffer in = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int at = (int) offset;
        if (at + HEADER_SIZE > in.limit()) {
            return null;
        }
        int length = in.getInt(at);
        if (length < HEADER_SIZE || at + (long) length > in.limit() || in.getLong(at + 8) != offset) {
            return null;
        }
        int stored = in.getInt(at + 4);
        ByteBuffer record = ByteBuffer.allocate(length);
        record.put(in.duplicate().position(at).limit(at + length)).flip();
        record.putInt(4, 0);
        CRC32C crc = new CRC32C();
        crc.update(record);
        if ((int) crc.getValue() != stored) {
            return null;
        }
        ByteBuffer payload =
                in.duplicate().position(at + HEADER_SIZE).limit(at + length).slice();
        return new Read(new Lsn(file, offset), in.getLong(at + 16), in.get(at + 24), payload, align(length));
    }
}
