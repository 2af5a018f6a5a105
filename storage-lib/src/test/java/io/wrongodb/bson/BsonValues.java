package io.wrongodb.bson;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDbPointer;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonJavaScript;
import org.bson.BsonJavaScriptWithScope;
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

/**
 * Random BSON values of every type for the order's properties. Small alphabets and many edge values on purpose: two
 * random values should often be equal, or differ only deep inside, or be equal numbers of different types, since
 * those are the cases an order gets wrong.
 */
final class BsonValues {
    private BsonValues() {}

    static Arbitrary<BsonValue> values() {
        return values(2);
    }

    static Arbitrary<BsonValue> values(int depth) {
        if (depth == 0) {
            return scalars();
        }
        return Arbitraries.frequencyOf(
                Tuple.of(6, scalars()),
                Tuple.of(1, documents(depth - 1).map(d -> (BsonValue) d)),
                Tuple.of(1, arrays(depth - 1)));
    }

    static Arbitrary<BsonDocument> documents(int depth) {
        return documents(values(depth));
    }

    static Arbitrary<BsonDocument> documents(Arbitrary<BsonValue> fieldValues) {
        Arbitrary<String> names = Arbitraries.of("", "a", "b", "ab", "\u0000", "é");
        return Arbitraries.entries(names, fieldValues).list().ofMaxSize(3).map(entries -> {
            BsonDocument document = new BsonDocument();
            entries.forEach(e -> document.put(e.getKey(), e.getValue()));
            return document;
        });
    }

    static Arbitrary<BsonValue> arrays(int depth) {
        return values(depth).list().ofMaxSize(3).map(BsonArray::new);
    }

    static Arbitrary<BsonValue> scalars() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, numbers()),
                Tuple.of(4, strings().map(BsonString::new)),
                Tuple.of(1, strings().map(BsonSymbol::new)),
                Tuple.of(
                        1,
                        Arbitraries.of(
                                new BsonMinKey(),
                                new BsonMaxKey(),
                                BsonNull.VALUE,
                                new BsonUndefined(),
                                BsonBoolean.FALSE,
                                BsonBoolean.TRUE)),
                Tuple.of(2, binaries()),
                Tuple.of(1, objectIds()),
                Tuple.of(1, longs().map(BsonDateTime::new)),
                Tuple.of(1, longs().map(BsonTimestamp::new)),
                Tuple.of(1, regularExpressions()),
                Tuple.of(1, others()));
    }

    /** Numbers of all four types, often equal across types. */
    static Arbitrary<BsonValue> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(-3, 3).flatMap(BsonValues::sameNumberAnyType),
                longs().flatMap(BsonValues::sameNumberAnyType),
                doubles().map(BsonDouble::new),
                doubles()
                        .filter(d -> !Double.isNaN(d) && !Double.isInfinite(d))
                        .map(d -> new BsonDecimal128(new Decimal128(new BigDecimal(Double.toString(d))))),
                decimals().map(BsonDecimal128::new),
                Arbitraries.integers().map(BsonInt32::new));
    }

    /** One number as every type that holds it exactly. */
    static Arbitrary<BsonValue> sameNumberAnyType(long n) {
        return Arbitraries.of(equalNumbers(n));
    }

    static List<BsonValue> equalNumbers(long n) {
        List<BsonValue> same = new ArrayList<>();
        same.add(new BsonInt64(n));
        same.add(new BsonDecimal128(new Decimal128(n)));
        if (n == (int) n) {
            same.add(new BsonInt32((int) n));
        }
        if ((long) (double) n == n && n != Long.MAX_VALUE) {
            same.add(new BsonDouble(n));
        }
        return same;
    }

    static Arbitrary<Long> longs() {
        long twoTo53 = 1L << 53;
        return Arbitraries.oneOf(
                Arbitraries.of(
                        0L,
                        1L,
                        -1L,
                        twoTo53,
                        twoTo53 + 1,
                        twoTo53 - 1,
                        -twoTo53 - 1,
                        Long.MAX_VALUE,
                        Long.MIN_VALUE,
                        Long.MAX_VALUE - 1,
                        Integer.MAX_VALUE + 1L,
                        Integer.MIN_VALUE - 1L),
                Arbitraries.longs());
    }

    static Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        Double.NaN,
                        Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY,
                        0.0,
                        -0.0,
                        Double.MIN_VALUE,
                        -Double.MIN_VALUE,
                        Double.MIN_NORMAL,
                        Double.MAX_VALUE,
                        -Double.MAX_VALUE,
                        0.1,
                        -0.1,
                        0.5,
                        9007199254740992.0,
                        9007199254740994.0,
                        9.223372036854775807E18,
                        -9.223372036854775808E18,
                        Math.nextDown(Double.MIN_NORMAL),
                        1e-300,
                        1e300),
                Arbitraries.doubles(),
                Arbitraries.longs().map(Double::longBitsToDouble),
                Arbitraries.integers().between(-1000, 1000).map(i -> i / 8.0));
    }

    static Arbitrary<Decimal128> decimals() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        Decimal128.NaN,
                        Decimal128.NEGATIVE_NaN,
                        Decimal128.POSITIVE_INFINITY,
                        Decimal128.NEGATIVE_INFINITY,
                        Decimal128.POSITIVE_ZERO,
                        Decimal128.NEGATIVE_ZERO,
                        Decimal128.parse("0E-6176"),
                        Decimal128.parse("-0E+6111"),
                        Decimal128.parse("1E-6176"),
                        Decimal128.parse("9.999999999999999999999999999999999E+6144"),
                        Decimal128.parse("-9.999999999999999999999999999999999E+6144"),
                        Decimal128.parse("1E+400"),
                        Decimal128.parse("1E-400"),
                        Decimal128.parse("0.1"),
                        Decimal128.parse("1.0"),
                        Decimal128.parse("9007199254740993"),
                        Decimal128.parse("9223372036854775808")),
                Arbitraries.bigIntegers()
                        .between(
                                new BigInteger("-9999999999999999999999999999999999"),
                                new BigInteger("9999999999999999999999999999999999"))
                        .flatMap(unscaled -> Arbitraries.integers()
                                .between(-6176, 6111)
                                .map(exponent -> new Decimal128(new BigDecimal(unscaled, -exponent)))));
    }

    /** Strings with embedded 0x00, multi-byte characters and a supplementary one, often prefixes of each other. */
    static Arbitrary<String> strings() {
        return Arbitraries.of("a", "b", "\u0000", "é", "\uFFFF", "\uD83D\uDE00", "\u0001", "A")
                .list()
                .ofMaxSize(4)
                .map(parts -> String.join("", parts));
    }

    static Arbitrary<BsonValue> binaries() {
        Arbitrary<byte[]> data = Arbitraries.of((byte) 0, (byte) 1, (byte) 0x7F, (byte) 0x80, (byte) 0xFF)
                .list()
                .ofMaxSize(3)
                .map(list -> {
                    byte[] bytes = new byte[list.size()];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = list.get(i);
                    }
                    return bytes;
                });
        return Combinators.combine(Arbitraries.of((byte) 0, (byte) 4, (byte) 0x80), data)
                .as(BsonBinary::new);
    }

    static Arbitrary<BsonValue> objectIds() {
        return Arbitraries.of(0, 1, 0x7F, 0x80, 0xFF).list().ofSize(3).map(parts -> {
            byte[] bytes = new byte[12];
            bytes[0] = (byte) (int) parts.get(0);
            bytes[5] = (byte) (int) parts.get(1);
            bytes[11] = (byte) (int) parts.get(2);
            return new BsonObjectId(new ObjectId(bytes));
        });
    }

    static Arbitrary<BsonValue> regularExpressions() {
        return Combinators.combine(strings(), Arbitraries.of("", "i", "im", "m", "s"))
                .as(BsonRegularExpression::new);
    }

    static Arbitrary<BsonValue> others() {
        return Arbitraries.oneOf(
                strings().map(BsonJavaScript::new),
                Combinators.combine(strings(), documents(numbers())).as(BsonJavaScriptWithScope::new),
                Combinators.combine(Arbitraries.of("db.c", "db.d", "x.c"), objectIds())
                        .as((ns, id) -> new BsonDbPointer(ns, id.asObjectId().getValue())));
    }
}
