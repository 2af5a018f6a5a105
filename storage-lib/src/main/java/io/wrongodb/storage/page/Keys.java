package io.wrongodb.storage.page;

import java.util.Arrays;

/** Keys are byte strings ordered by unsigned lexicographic comparison. */
public final class Keys {
    public static final byte[] EMPTY = new byte[0];

    private Keys() {}

    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
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
