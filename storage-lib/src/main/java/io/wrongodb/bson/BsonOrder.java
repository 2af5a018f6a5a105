package io.wrongodb.bson;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDbPointer;
import org.bson.BsonDocument;
import org.bson.BsonRegularExpression;
import org.bson.BsonValue;

/**
 * MongoDB's order over all BSON values, as sorts and indexes use it (no collation): first by {@link CanonicalType},
 * then by value within the type. This compares whole values; it is not the query language's "an array matches if
 * one of its elements does".
 *
 * <ul>
 *   <li>Numbers of every type compare by their exact numeric value: NaN is below every other number and equal to
 *       itself, -0.0 equals 0.0, and a long past 2^53 is never rounded to a double to be compared.
 *   <li>Strings and symbols compare by their UTF-8 bytes, unsigned, a shorter prefix first.
 *   <li>Objects compare element by element: the element's type group, then its field name, then its value; if one
 *       runs out first it is the smaller. Arrays likewise, without names.
 *   <li>Binary data by length, then subtype, then bytes; regular expressions by pattern, then flags; timestamps as
 *       unsigned 64-bit numbers; dates as signed milliseconds.
 * </ul>
 *
 * A total order: values it calls equal are those MongoDB treats as the same key, and {@link KeyEncoding} encodes
 * them to the same bytes.
 */
public final class BsonOrder implements Comparator<BsonValue> {
    public static final BsonOrder INSTANCE = new BsonOrder();

    private BsonOrder() {}

    @Override
    public int compare(BsonValue a, BsonValue b) {
        CanonicalType type = CanonicalType.of(a);
        CanonicalType otherType = CanonicalType.of(b);
        if (type != otherType) {
            return Integer.signum(type.compareTo(otherType));
        }
        return Integer.signum(
                switch (type) {
                    case MIN_KEY, UNDEFINED, NULL, MAX_KEY -> 0;
                    case NUMBER -> compareNumbers(a, b);
                    case STRING -> compareUtf8(stringOf(a), stringOf(b));
                    case OBJECT -> compareDocuments(a.asDocument(), b.asDocument());
                    case ARRAY -> compareArrays(a.asArray(), b.asArray());
                    case BINARY -> compareBinaries(a.asBinary(), b.asBinary());
                    case OBJECT_ID ->
                        Arrays.compareUnsigned(
                                a.asObjectId().getValue().toByteArray(),
                                b.asObjectId().getValue().toByteArray());
                    case BOOLEAN ->
                        Boolean.compare(a.asBoolean().getValue(), b.asBoolean().getValue());
                    case DATE ->
                        Long.compare(a.asDateTime().getValue(), b.asDateTime().getValue());
                    case TIMESTAMP ->
                        Long.compareUnsigned(
                                a.asTimestamp().getValue(), b.asTimestamp().getValue());
                    case REGULAR_EXPRESSION ->
                        compareRegularExpressions(a.asRegularExpression(), b.asRegularExpression());
                    case DB_POINTER -> compareDbPointers(a.asDBPointer(), b.asDBPointer());
                    case JAVASCRIPT ->
                        compareUtf8(a.asJavaScript().getCode(), b.asJavaScript().getCode());
                    case JAVASCRIPT_WITH_SCOPE -> compareCodeWithScope(a, b);
                });
    }

    private static int compareNumbers(BsonValue a, BsonValue b) {
        boolean aInteger = a.isInt32() || a.isInt64();
        boolean bInteger = b.isInt32() || b.isInt64();
        if (aInteger && bInteger) {
            return Long.compare(a.asNumber().longValue(), b.asNumber().longValue());
        }
        if (a.isDouble() && b.isDouble()) {
            return compareDoubles(a.asDouble().getValue(), b.asDouble().getValue());
        }
        // Mixed types: only exact values compare right (a long near 2^63 has no exact double).
        return ExactNumber.of(a).compareTo(ExactNumber.of(b));
    }

    private static int compareDoubles(double a, double b) {
        // Not Double.compare: that puts NaN on top and -0.0 below 0.0; MongoDB puts NaN at the bottom and
        // makes the zeros equal.
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Boolean.compare(!Double.isNaN(a), !Double.isNaN(b));
        }
        return a < b ? -1 : a > b ? 1 : 0;
    }

    static String stringOf(BsonValue value) {
        return value.isSymbol()
                ? value.asSymbol().getSymbol()
                : value.asString().getValue();
    }

    private static int compareUtf8(String a, String b) {
        // UTF-8 bytes, not String.compareTo: UTF-16 units order U+E000..U+FFFF above the supplementary planes.
        return Arrays.compareUnsigned(utf8(a), utf8(b));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private int compareDocuments(BsonDocument a, BsonDocument b) {
        Iterator<Map.Entry<String, BsonValue>> left = a.entrySet().iterator();
        Iterator<Map.Entry<String, BsonValue>> right = b.entrySet().iterator();
        while (left.hasNext() && right.hasNext()) {
            Map.Entry<String, BsonValue> l = left.next();
            Map.Entry<String, BsonValue> r = right.next();
            int c = CanonicalType.of(l.getValue()).compareTo(CanonicalType.of(r.getValue()));
            if (c == 0) {
                c = compareUtf8(l.getKey(), r.getKey());
            }
            if (c == 0) {
                c = compare(l.getValue(), r.getValue());
            }
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(left.hasNext(), right.hasNext());
    }

    private int compareArrays(BsonArray a, BsonArray b) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int c = compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareBinaries(BsonBinary a, BsonBinary b) {
        int c = Integer.compare(a.getData().length, b.getData().length);
        if (c == 0) {
            c = Integer.compare(a.getType() & 0xFF, b.getType() & 0xFF);
        }
        return c != 0 ? c : Arrays.compareUnsigned(a.getData(), b.getData());
    }

    private static int compareRegularExpressions(BsonRegularExpression a, BsonRegularExpression b) {
        int c = compareUtf8(a.getPattern(), b.getPattern());
        return c != 0 ? c : compareUtf8(a.getOptions(), b.getOptions());
    }

    private static int compareDbPointers(BsonDbPointer a, BsonDbPointer b) {
        // MongoDB compares the raw values: the namespace's length first, then its bytes, then the id.
        byte[] left = utf8(a.getNamespace());
        byte[] right = utf8(b.getNamespace());
        int c = Integer.compare(left.length, right.length);
        if (c == 0) {
            c = Arrays.compareUnsigned(left, right);
        }
        return c != 0
                ? c
                : Arrays.compareUnsigned(a.getId().toByteArray(), b.getId().toByteArray());
    }

    private int compareCodeWithScope(BsonValue a, BsonValue b) {
        int c = compareUtf8(
                a.asJavaScriptWithScope().getCode(), b.asJavaScriptWithScope().getCode());
        return c != 0
                ? c
                : compareDocuments(
                        a.asJavaScriptWithScope().getScope(),
                        b.asJavaScriptWithScope().getScope());
    }
}
