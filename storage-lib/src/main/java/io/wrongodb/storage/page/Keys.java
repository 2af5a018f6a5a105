package io.wrongodb.storage.page;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Keys are byte strings ordered by unsigned lexicographic comparison. */
public final class Keys {
    public static final byte[] EMPTY = new byte[0];
    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Keys() {}

    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /**
     * The first 8 bytes of {@code key} as an unsigned big-endian number, zero-padded if it is shorter. Keys whose
     * prefixes differ compare as their prefixes do ({@link Long#compareUnsigned}); only equal prefixes need the
     * bytes compared.
     */
    public static long prefix(byte[] key) {
        if (key.length >= 8) {
            return (long) BIG_ENDIAN_LONG.get(key, 0);
        }
        long prefix = 0;
        for (int i = 0; i < 8; i++) {
            prefix = (prefix << 8) | (i < key.length ? key[i] & 0xFF : 0);
        }
        return prefix;
    }

    /**
     * The shortest prefix of {@code right} that still sorts after {@code left}: a separator for an internal page
     * (suffix truncation). Everything below the separator goes left, everything from it on goes right.
     */
    public static byte[] shortestSeparator(byte[] left, byte[] right) {
        int common = Arrays.mismatch(left, right);
        if (common < 0) {
            throw new IllegalArgumentException("separator of two equal keys");
        }
        return Arrays.copyOf(right, Math.min(right.length, common + 1));
    }
}
