package io.wrongodb.bson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonSymbol;
import org.bson.BsonTimestamp;
import org.bson.BsonUndefined;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/** MongoDB's documented comparison/sort order, one rule per test, checked on both the order and the key bytes. */
class BsonOrderTest {
    @Test
    void typesSortInMongoDbsOrder() {
        List<BsonValue> ascending = List.of(
                new BsonMinKey(),
                new BsonUndefined(),
                BsonNull.VALUE,
                new BsonInt32(5),
                new BsonString("a"),
                new BsonDocument(),
                new BsonArray(),
                new BsonBinary(new byte[0]),
                new BsonObjectId(new ObjectId("000000000000000000000000")),
                BsonBoolean.FALSE,
                BsonBoolean.TRUE,
                new BsonDateTime(0),
                new BsonTimestamp(0),
                new BsonRegularExpression("re"),
                new BsonMaxKey());
        assertStrictlyAscending(ascending);
        List<BsonValue> shuffled = new ArrayList<>(ascending);
        Collections.reverse(shuffled);
        shuffled.sort(BsonOrder.INSTANCE);
        assertThat(shuffled).isEqualTo(ascending);
    }

    @Test
    void typeDecidesBeforeValue() {
        // The largest number is below the smallest string, and so on up.
        assertStrictlyAscending(List.of(
                new BsonDouble(Double.POSITIVE_INFINITY),
                new BsonString(""),
                new BsonDocument(),
                new BsonArray(),
                new BsonBinary(new byte[0])));
        assertStrictlyAscending(List.of(new BsonDateTime(Long.MAX_VALUE), new BsonTimestamp(0)));
    }

    @Test
    void numbersOfEveryTypeCompareByValue() {
        assertAllEqual(
                new BsonInt32(1),
                new BsonInt64(1),
                new BsonDouble(1.0),
                new BsonDecimal128(Decimal128.parse("1.0")),
                new BsonDecimal128(Decimal128.parse("1")));
        assertStrictlyAscending(
                List.of(new BsonInt64(-2), new BsonDouble(-1.5), new BsonInt32(0), new BsonDouble(0.5)));
    }

    @Test
    void aLongBeyondTwoToThe53IsNotRoundedToADouble() {
        assertStrictlyAscending(List.of(new BsonDouble(9007199254740992.0), new BsonInt64(9007199254740993L)));
        assertStrictlyAscending(List.of(new BsonInt64(Long.MAX_VALUE), new BsonDouble(9.223372036854775807E18)));
    }

    @Test
    void nanIsBelowEveryOtherNumberAndEqualToItself() {
        assertAllEqual(
                new BsonDouble(Double.NaN),
                new BsonDecimal128(Decimal128.NaN),
                new BsonDecimal128(Decimal128.NEGATIVE_NaN));
        assertStrictlyAscending(List.of(
                BsonNull.VALUE,
                new BsonDouble(Double.NaN),
                new BsonDouble(Double.NEGATIVE_INFINITY),
                new BsonDecimal128(Decimal128.parse("-1E+6000"))));
    }

    @Test
    void negativeZeroEqualsZero() {
        assertAllEqual(
                new BsonDouble(-0.0),
                new BsonDouble(0.0),
                new BsonInt32(0),
                new BsonDecimal128(Decimal128.NEGATIVE_ZERO),
                new BsonDecimal128(Decimal128.parse("0E-30")));
    }

    @Test
    void decimalsCompareExactlyWithDoublesBeyondTheDoubleRange() {
        // The double 0.1 is 0.1000000000000000055…, a little above the decimal 0.1.
        assertStrictlyAscending(List.of(new BsonDecimal128(Decimal128.parse("0.1")), new BsonDouble(0.1)));
        assertStrictlyAscending(List.of(
                new BsonDecimal128(Decimal128.parse("1E-6176")),
                new BsonDouble(Double.MIN_VALUE),
                new BsonDouble(Double.MAX_VALUE),
                new BsonDecimal128(Decimal128.parse("1E+400")),
                new BsonDouble(Double.POSITIVE_INFINITY)));
        assertAllEqual(new BsonDouble(Double.POSITIVE_INFINITY), new BsonDecimal128(Decimal128.POSITIVE_INFINITY));
    }

    @Test
    void stringsCompareByUtf8BytesAndSymbolsAreStrings() {
        assertStrictlyAscending(List.of(
                new BsonString(""),
                new BsonString("B"),
                new BsonString("a"),
                new BsonString("a\u0000"),
                new BsonString("a\u0000b"),
                new BsonString("ab"),
                new BsonString("é"),
                new BsonString("\uFFFF"),
                new BsonString("\uD83D\uDE00")));
        assertAllEqual(new BsonString("a"), new BsonSymbol("a"));
    }

    @Test
    void objectsCompareFieldTypeThenNameThenValueThenLength() {
        assertStrictlyAscending(
                List.of(BsonDocument.parse("{b: 1}"), BsonDocument.parse("{a: 'x'}"))); // type before name
        assertStrictlyAscending(
                List.of(BsonDocument.parse("{a: 2}"), BsonDocument.parse("{b: 1}"))); // name before value
        assertStrictlyAscending(List.of(BsonDocument.parse("{a: 1}"), BsonDocument.parse("{a: 2}")));
        assertStrictlyAscending(
                List.of(BsonDocument.parse("{}"), BsonDocument.parse("{a: 1}"), BsonDocument.parse("{a: 1, b: 0}")));
        assertAllEqual(BsonDocument.parse("{a: 1}"), BsonDocument.parse("{a: 1.0}"));
    }

    @Test
    void arraysCompareElementByElementThenByLength() {
        assertStrictlyAscending(List.of(
                BsonArray.parse("[]"),
                BsonArray.parse("[1]"),
                BsonArray.parse("[1, 0]"),
                BsonArray.parse("[1, 3]"),
                BsonArray.parse("[2]"),
                BsonArray.parse("['a']")));
    }

    @Test
    void binDataComparesLengthThenSubtypeThenBytes() {
        assertStrictlyAscending(List.of(
                new BsonBinary((byte) 0x80, new byte[] {(byte) 0xFF}),
                new BsonBinary((byte) 0, new byte[] {0, 0}),
                new BsonBinary((byte) 0, new byte[] {0, 1}),
                new BsonBinary((byte) 4, new byte[] {0, 0})));
    }

    @Test
    void objectIdsBooleansDatesAndTimestamps() {
        assertStrictlyAscending(List.of(
                new BsonObjectId(new ObjectId("7fffffffffffffffffffffff")),
                new BsonObjectId(new ObjectId("800000000000000000000000"))));
        assertStrictlyAscending(List.of(BsonBoolean.FALSE, BsonBoolean.TRUE));
        assertStrictlyAscending(List.of(new BsonDateTime(-1), new BsonDateTime(0), new BsonDateTime(1)));
        // Timestamps are unsigned: seconds first, then the increment.
        assertStrictlyAscending(
                List.of(new BsonTimestamp(1, 5), new BsonTimestamp(2, 0), new BsonTimestamp(0x80000000, 0)));
    }

    @Test
    void regularExpressionsComparePatternThenFlags() {
        assertStrictlyAscending(List.of(
                new BsonRegularExpression("a", "x"),
                new BsonRegularExpression("b"),
                new BsonRegularExpression("b", "i")));
    }

    /** Each value is below the next both by BsonOrder and by its key bytes. */
    static void assertStrictlyAscending(List<? extends BsonValue> values) {
        for (int i = 0; i + 1 < values.size(); i++) {
            BsonValue low = values.get(i);
            BsonValue high = values.get(i + 1);
            assertThat(BsonOrder.INSTANCE.compare(low, high))
                    .as("%s < %s", low, high)
                    .isNegative();
            assertThat(BsonOrder.INSTANCE.compare(high, low))
                    .as("%s > %s", high, low)
                    .isPositive();
            assertThat(Arrays.compareUnsigned(KeyEncoding.encode(low), KeyEncoding.encode(high)))
                    .as("key of %s < key of %s", low, high)
                    .isNegative();
        }
    }

    /** All the values are equal by BsonOrder and have the same key. */
    static void assertAllEqual(BsonValue... values) {
        for (BsonValue value : values) {
            assertThat(BsonOrder.INSTANCE.compare(values[0], value))
                    .as("%s = %s", values[0], value)
                    .isZero();
            assertThat(KeyEncoding.encode(value)).as("key of %s", value).isEqualTo(KeyEncoding.encode(values[0]));
        }
    }
}
