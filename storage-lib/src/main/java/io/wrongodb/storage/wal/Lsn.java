package io.wrongodb.storage.wal;

import java.nio.ByteBuffer;

/**
 * A log sequence number: where a record starts, as (log file number, byte offset in that file). LSNs order
 * records: file first, then offset.
 *
 * <pre>
 * Serialized LSN (12 bytes, little-endian; part of the file and log formats)
 *      0    4 log file number (1, 2, …; 0 = no LSN)
 *      4    8 byte offset in that file
 * </pre>
 */
public record Lsn(int file, long offset) implements Comparable<Lsn> {
    public static final int SERIALIZED_SIZE = 12;
    /** Before every record: recovery from NONE replays the whole log. */
    public static final Lsn NONE = new Lsn(0, 0);

    @Override
    public int compareTo(Lsn other) {
        return file != other.file ? Integer.compare(file, other.file) : Long.compare(offset, other.offset);
    }

    public boolean isBefore(Lsn other) {
        return compareTo(other) < 0;
    }

    public void writeTo(ByteBuffer out) {
        out.putInt(file).putLong(offset);
    }

    public static Lsn readFrom(ByteBuffer in) {
        return new Lsn(in.getInt(), in.getLong());
    }

    @Override
    public String toString() {
        return file + "/" + offset;
    }
}
