package io.wrongodb.query;

import java.util.Arrays;

/**
 * A range of index keys, as bytes: from {@code low} to {@code high}, each end inclusive or not. An end matches
 * every key it is a prefix of, because an index key may go on past the bounded fields (more fields, the
 * {@code _id}); since every encoded value ends itself, "starts with the end" means "equal on the bounded fields".
 */
public record KeyRange(byte[] low, boolean lowInclusive, byte[] high, boolean highInclusive) {

    /** Every key that starts with {@code prefix}. */
    public static KeyRange prefix(byte[] prefix) {
        return new KeyRange(prefix, true, prefix, true);
    }

    /** True if {@code key} is past the high end, so a forward scan can stop. */
    public boolean beyondHigh(byte[] key) {
        if (startsWith(key, high)) {
            return !highInclusive;
        }
        return Arrays.compareUnsigned(key, high) > 0;
    }

    /** True if {@code key} is before the low end, so a backward scan can stop. */
    public boolean beforeLow(byte[] key) {
        if (startsWith(key, low)) {
            return !lowInclusive;
        }
        return Arrays.compareUnsigned(key, low) < 0;
    }

    public boolean contains(byte[] key) {
        return !beyondHigh(key) && !beforeLow(key);
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}
