package io.wrongodb.bson;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.bson.BsonBinary;
import org.bson.BsonDbPointer;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Keys as bytes whose unsigned order is {@link BsonOrder}: the storage engine's B+tree compares keys only as bytes
 * ({@code Arrays.compareUnsigned}), so a collection clustered by {@code _id} and every index need their values in
 * this form to sort as MongoDB sorts them. Values MongoDB considers equal (1, 1L, 1.0, decimal 1.0) get the same
 * bytes, so they are the same key.
 *
 * <pre>
 * Key of one value (big-endian; compared as unsigned bytes; part of the file format)
 * type byte  value                 then
 *   0x0A     MinKey                -
 *   0x0F     undefined             -
 *   0x14     null                  -
 *   0x1E     number (int32, int64, class byte, then:
 *            double, decimal128)     0x01 NaN | 0x02 -Infinity | 0x04 zero | 0x06 +Infinity: nothing more
 *                                    0x05 positive: magnitude
 *                                    0x03 negative: magnitude with every byte inverted
 *                                  magnitude of the exact value |v| = 0.d1 d2 … dn × 10^e, d1 and dn not 0:
 *                                    2  e + 0x8000
 *                                    …  each digit d as the 4 bits d + 1, high half of a byte first; then a 0 half;
 *                                       then another 0 half if needed to fill the last byte
 *   0x3C     string, symbol        UTF-8 bytes, each 0x00 written 0x00 0xFF; then 0x00 0x00
 *   0x46     object                per element: its value's type byte, its name as a string (above), its value
 *                                  without the type byte; then 0x00
 *   0x50     array                 per element: its key (type byte, value); then 0x00
 *   0x5A     binary data           4 length n, 1 subtype, n bytes
 *   0x64     ObjectId              12 bytes
 *   0x6E     boolean               1: 0x00 false, 0x01 true
 *   0x78     date                  8 milliseconds since the epoch with the sign bit flipped
 *   0x82     timestamp             8 seconds &lt;&lt; 32 | increment, unsigned
 *   0x8C     regular expression    pattern as a string, then flags as a string
 *   0x96     DBPointer             4 namespace length n (UTF-8), n namespace bytes, 12 id bytes
 *   0xA0     JavaScript            code as a string
 *   0xAA     JavaScript with scope code as a string, then the scope as an object without its type byte
 *   0xF0     MaxKey                -
 *
 * Compound key: the keys of its fields one after another; a descending field's key has every byte inverted.
 * </pre>
 *
 * Every key is self-delimiting and none is a prefix of another (strings and objects end in a terminator that no
 * content can produce; everything else has a known length). That is what lets compound keys concatenate: two keys
 * first differ inside one field, where that field's order decides, and inverting a field's bytes reverses its
 * order exactly.
 *
 * <p>Numbers are written as their exact decimal value, the one form in which every int32, int64, double and
 * decimal128 is exact and equal values are identical, so numbers of different types order correctly against each
 * other with no rounding: longs past 2^53, subnormal doubles, decimals beyond the double range. The price is length:
 * integers and short decimals take a few bytes, but a double's exact expansion is long when it has a fraction
 * (0.1 is 0.1000000000000000055511151231257827021181583404541015625, 32 bytes in all; the smallest subnormal takes
 * about 380). A binary significand for doubles would be shorter; this form is the simple correct one to start with.
 *
 * <p>Keys are only written, never read back: a key need not say which of the equal types it came from, because the
 * document beside it holds the value itself.
 */
public final class KeyEncoding {
    private static final byte NUMBER_NAN = 0x01;
    private static final byte NUMBER_NEGATIVE_INFINITY = 0x02;
    private static final byte NUMBER_NEGATIVE = 0x03;
    private static final byte NUMBER_ZERO = 0x04;
    private static final byte NUMBER_POSITIVE = 0x05;
    private static final byte NUMBER_POSITIVE_INFINITY = 0x06;
    private static final int EXPONENT_BIAS = 0x8000;
    private static final byte END = 0x00;
    private static final byte ESCAPE = (byte) 0xFF;

    private KeyEncoding() {}

    /** The ascending key of one value. */
    public static byte[] encode(BsonValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeKey(out, value);
        return out.toByteArray();
    }

    /** The key of one value in the given direction. */
    public static byte[] encode(BsonValue value, SortDirection direction) {
        byte[] key = encode(value);
        if (direction == SortDirection.DESCENDING) {
            invert(key);
        }
        return key;
    }

    /** A compound key: each value's key in its field's direction, in order. */
    public static byte[] encode(List<? extends BsonValue> values, List<SortDirection> directions) {
        if (values.size() != directions.size()) {
            throw new IllegalArgumentException(values.size() + " values for " + directions.size() + " directions");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < values.size(); i++) {
            out.writeBytes(encode(values.get(i), directions.get(i)));
        }
        return out.toByteArray();
    }

    private static void invert(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ~bytes[i];
        }
    }

    private static void writeKey(ByteArrayOutputStream out, BsonValue value) {
        CanonicalType type = CanonicalType.of(value);
        out.write(type.keyByte);
        writeBody(out, type, value);
    }

    private static void writeBody(ByteArrayOutputStream out, CanonicalType type, BsonValue value) {
        switch (type) {
            case MIN_KEY, UNDEFINED, NULL, MAX_KEY -> {}
            case NUMBER -> writeNumber(out, ExactNumber.of(value));
            case STRING -> writeString(out, BsonOrder.stringOf(value));
            case OBJECT -> writeDocument(out, value.asDocument());
            case ARRAY -> {
                for (BsonValue element : value.asArray()) {
                    writeKey(out, element);
                }
                out.write(END);
            }
            case BINARY -> {
                BsonBinary binary = value.asBinary();
                writeInt(out, binary.getData().length);
                out.write(binary.getType());
                out.writeBytes(binary.getData());
            }
            case OBJECT_ID -> out.writeBytes(value.asObjectId().getValue().toByteArray());
            case BOOLEAN -> out.write(value.asBoolean().getValue() ? 1 : 0);
            // Flipping the sign bit turns two's complement order into unsigned order.
            case DATE -> writeLong(out, value.asDateTime().getValue() ^ Long.MIN_VALUE);
            case TIMESTAMP -> writeLong(out, value.asTimestamp().getValue());
            case REGULAR_EXPRESSION -> {
                writeString(out, value.asRegularExpression().getPattern());
                writeString(out, value.asRegularExpression().getOptions());
            }
            case DB_POINTER -> {
                BsonDbPointer pointer = value.asDBPointer();
                byte[] namespace = BsonOrder.utf8(pointer.getNamespace());
                writeInt(out, namespace.length);
                out.writeBytes(namespace);
                out.writeBytes(pointer.getId().toByteArray());
            }
            case JAVASCRIPT -> writeString(out, value.asJavaScript().getCode());
            case JAVASCRIPT_WITH_SCOPE -> {
                writeString(out, value.asJavaScriptWithScope().getCode());
                writeDocument(out, value.asJavaScriptWithScope().getScope());
            }
        }
    }

    private static void writeDocument(ByteArrayOutputStream out, BsonDocument document) {
        for (Map.Entry<String, BsonValue> element : document.entrySet()) {
            // Type before name before value: the order in which BsonOrder compares an element.
            CanonicalType type = CanonicalType.of(element.getValue());
            out.write(type.keyByte);
            writeString(out, element.getKey());
            writeBody(out, type, element.getValue());
        }
        // Below every type byte, so a document that runs out first sorts first.
        out.write(END);
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        // The terminator 0x00 0x00 sorts below any byte that could follow, including an escaped 0x00 (0x00 0xFF),
        // so a string sorts before the strings it is a prefix of.
        for (byte b : BsonOrder.utf8(s)) {
            out.write(b);
            if (b == END) {
                out.write(ESCAPE);
            }
        }
        out.write(END);
        out.write(END);
    }

    private static void writeNumber(ByteArrayOutputStream out, ExactNumber number) {
        switch (number.kind) {
            case NAN -> out.write(NUMBER_NAN);
            case NEGATIVE_INFINITY -> out.write(NUMBER_NEGATIVE_INFINITY);
            case POSITIVE_INFINITY -> out.write(NUMBER_POSITIVE_INFINITY);
            case FINITE -> {
                int sign = number.value.signum();
                if (sign == 0) {
                    out.write(NUMBER_ZERO);
                    return;
                }
                byte[] magnitude = magnitude(number.value.abs());
                if (sign < 0) {
                    // A larger magnitude is a smaller negative number; magnitudes are prefix-free, so inverting
                    // reverses their order exactly.
                    invert(magnitude);
                    out.write(NUMBER_NEGATIVE);
                } else {
                    out.write(NUMBER_POSITIVE);
                }
                out.writeBytes(magnitude);
            }
        }
    }

    /**
     * A positive exact value as its decimal exponent and digits: a larger exponent is a larger number because the
     * first digit is never 0, and with equal exponents the digits compare as a string where a prefix is smaller
     * (0.1 &lt; 0.12), which the 0 half after the last digit (d + 1 is at least 1) gives.
     */
    private static byte[] magnitude(BigDecimal positive) {
        // positive is stripped of trailing zeros: unscaled × 10^-scale with no trailing zero digit.
        String digits = positive.unscaledValue().toString();
        int exponent = digits.length() - positive.scale();
        if (exponent + EXPONENT_BIAS < 0 || exponent + EXPONENT_BIAS > 0xFFFF) {
            // Unreachable from BSON: decimal128 exponents stay within ±6200.
            throw new IllegalArgumentException("exponent out of range: " + positive);
        }
        int biased = exponent + EXPONENT_BIAS;
        byte[] bytes = new byte[2 + digits.length() / 2 + 1];
        bytes[0] = (byte) (biased >>> 8);
        bytes[1] = (byte) biased;
        for (int i = 0; i < digits.length(); i++) {
            int half = digits.charAt(i) - '0' + 1;
            bytes[2 + i / 2] |= (byte) (i % 2 == 0 ? half << 4 : half);
        }
        return bytes;
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    private static void writeLong(ByteArrayOutputStream out, long v) {
        writeInt(out, (int) (v >>> 32));
        writeInt(out, (int) v);
    }
}
