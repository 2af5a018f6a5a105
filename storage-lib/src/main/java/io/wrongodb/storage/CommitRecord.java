package io.wrongodb.storage;

import io.wrongodb.storage.support.StorageException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload of a COMMIT log record: the logical changes of one transaction, all in one record, replayed in order
 * by recovery (a single write outside a transaction is a commit of one operation).
 *
 * <pre>
 * Commit record payload (little-endian; part of the log format)
 * offset size field
 *      0    4 operation count n
 *      then n operations:
 *           1 kind: 1 put, 2 remove, 3 create table, 4 drop table
 *           2 table name length t, then t bytes (UTF-8)
 *           2 key length k, then k bytes            (put, remove)
 *           4 value length v, then v bytes          (put)
 * </pre>
 */
final class CommitRecord {
    /** Operation kinds. Part of the log format. */
    static final byte PUT = 1;

    static final byte REMOVE = 2;
    static final byte CREATE_TABLE = 3;
    static final byte DROP_TABLE = 4;

    /** One logged change. {@code key} and {@code value} are null where the kind has none. */
    record Operation(byte kind, String table, byte[] key, byte[] value) {}

    private CommitRecord() {}

    static ByteBuffer createTable(String table) {
        return encode(new Operation(CREATE_TABLE, table, null, null));
    }

    static ByteBuffer dropTable(String table) {
        return encode(new Operation(DROP_TABLE, table, null, null));
    }

    static ByteBuffer encode(Operation... operations) {
        int size = 4;
        for (Operation op : operations) {
            size += 1 + 2 + op.table().getBytes(StandardCharsets.UTF_8).length;
            if (op.key() != null) {
                size += 2 + op.key().length;
            }
            if (op.value() != null) {
                size += 4 + op.value().length;
            }
        }
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(operations.length);
        for (Operation op : operations) {
            byte[] table = op.table().getBytes(StandardCharsets.UTF_8);
            out.put(op.kind()).putShort((short) table.length).put(table);
            if (op.key() != null) {
                out.putShort((short) op.key().length).put(op.key());
            }
            if (op.value() != null) {
                out.putInt(op.value().length).put(op.value());
            }
        }
        return out.flip();
    }

    static List<Operation> decode(ByteBuffer payload) {
        ByteBuffer in = payload.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int count = in.getInt();
        List<Operation> operations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte kind = in.get();
            byte[] table = new byte[Short.toUnsignedInt(in.getShort())];
            in.get(table);
            byte[] key = null;
            byte[] value = null;
            if (kind == PUT || kind == REMOVE) {
                key = new byte[Short.toUnsignedInt(in.getShort())];
                in.get(key);
            }
            if (kind == PUT) {
                value = new byte[in.getInt()];
                in.get(value);
            }
            if (kind < PUT || kind > DROP_TABLE) {
                throw new StorageException("commit record has an operation of unknown kind " + kind);
            }
            operations.add(new Operation(kind, new String(table, StandardCharsets.UTF_8), key, value));
        }
        return operations;
    }
}
