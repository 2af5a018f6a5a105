package io.wrongodb.bson;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bson.BsonDecimal128;
import org.bson.BsonDouble;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * The order and the key encoding on random values of every type: BsonOrder is a total order, and the unsigned
 * order of the keys is exactly BsonOrder, in both directions, alone and in compound keys.
 */
class KeyOrderPropertyTest {
    private static final BsonOrder ORDER = BsonOrder.INSTANCE;

    @Provide
    Arbitrary<BsonValue> values() {
        return BsonValues.values();
    }

    @Provide
    Arbitrary<List<SortDirection>> directions() {
        return Arbitraries.of(SortDirection.class).list().ofMinSize(1).ofMaxSize(3);
    }

    @Property(tries = 5000)
    void orderIsAntisymmetricAndReflexive(@ForAll("values") BsonValue a, @ForAll("values") BsonValue b) {
        assertThat(ORDER.compare(a, a)).isZero();
        assertThat(ORDER.compare(a, b)).isEqualTo(-ORDER.compare(b, a));
        if (a.equals(b)) {
            assertThat(ORDER.compare(a, b)).isZero();
        }
    }

    @Property(tries = 5000)
    void orderIsTransitive(
            @ForAll("values") BsonValue a, @ForAll("values") BsonValue b, @ForAll("values") BsonValue c) {
        List<BsonValue> sorted = new ArrayList<>(List.of(a, b, c));
        sorted.sort(ORDER);
        BsonValue low = sorted.get(0);
        BsonValue middle = sorted.get(1);
        BsonValue high = sorted.get(2);
        assertThat(ORDER.compare(low, middle)).isLessThanOrEqualTo(0);
        assertThat(ORDER.compare(middle, high)).isLessThanOrEqualTo(0);
        assertThat(ORDER.compare(low, high)).isLessThanOrEqualTo(0);
        if (ORDER.compare(low, middle) == 0 && ORDER.compare(middle, high) == 0) {
            assertThat(ORDER.compare(low, high)).isZero();
        }
        if (ORDER.compare(low, middle) < 0 || ORDER.compare(middle, high) < 0) {
            assertThat(ORDER.compare(low, high)).isNegative();
        }
    }

    @Property(tries = 10000)
    void keyBytesOrderAsTheValues(@ForAll("values") BsonValue a, @ForAll("values") BsonValue b) {
        int expected = ORDER.compare(a, b);
        assertThat(Integer.signum(Arrays.compareUnsigned(KeyEncoding.encode(a), KeyEncoding.encode(b))))
                .as("ascending %s vs %s", a, b)
                .isEqualTo(expected);
        assertThat(Integer.signum(Arrays.compareUnsigned(
                        KeyEncoding.encode(a, SortDirection.DESCENDING),
                        KeyEncoding.encode(b, SortDirection.DESCENDING))))
                .as("descending %s vs %s", a, b)
                .isEqualTo(-expected);
    }

    @Property(tries = 5000)
    void compoundKeysOrderFieldByField(
            @ForAll("directions") List<SortDirection> directions,
            @ForAll("values") BsonValue a0,
            @ForAll("values") BsonValue a1,
            @ForAll("values") BsonValue a2,
            @ForAll("values") BsonValue b1,
            @ForAll("values") BsonValue b2) {
        // The second key shares its first field with the first key, so later fields often decide.
        int n = directions.size();
        List<BsonValue> a = List.of(a0, a1, a2).subList(0, n);
        List<BsonValue> b = List.of(a0, b1, b2).subList(0, n);
        int expected = 0;
        for (int i = 0; i < n && expected == 0; i++) {
            int c = ORDER.compare(a.get(i), b.get(i));
            expected = directions.get(i) == SortDirection.ASCENDING ? c : -c;
        }
        int actual = Arrays.compareUnsigned(KeyEncoding.encode(a, directions), KeyEncoding.encode(b, directions));
        assertThat(Integer.signum(actual)).as("%s vs %s %s", a, b, directions).isEqualTo(expected);
    }

    @Property(tries = 3000)
    void equalNumbersOfDifferentTypesHaveOneKey(@ForAll("numbers") BsonValue number) {
        List<BsonValue> same = sameValueOtherTypes(number);
        byte[] key = KeyEncoding.encode(number);
        for (BsonValue other : same) {
            assertThat(ORDER.compare(number, other))
                    .as("%s vs %s", number, other)
                    .isZero();
            assertThat(KeyEncoding.encode(other)).as("%s vs %s", number, other).isEqualTo(key);
        }
    }

    @Provide
    Arbitrary<BsonValue> numbers() {
        return BsonValues.numbers();
    }

    /** The number as every type that holds it exactly, zeros and NaNs of either sign included. */
    private static List<BsonValue> sameValueOtherTypes(BsonValue number) {
        ExactNumber exact = ExactNumber.of(number);
        switch (exact.kind) {
            case NAN -> {
                return List.of(
                        new BsonDouble(Double.NaN),
                        new BsonDecimal128(Decimal128.NaN),
                        new BsonDecimal128(Decimal128.NEGATIVE_NaN));
            }
            case POSITIVE_INFINITY -> {
                return List.of(
                        new BsonDouble(Double.POSITIVE_INFINITY), new BsonDecimal128(Decimal128.POSITIVE_INFINITY));
            }
            case NEGATIVE_INFINITY -> {
                return List.of(
                        new BsonDouble(Double.NEGATIVE_INFINITY), new BsonDecimal128(Decimal128.NEGATIVE_INFINITY));
            }
            default -> {}
        }
        BigDecimal value = exact.value;
        List<BsonValue> same = new ArrayList<>();
        if (value.signum() == 0) {
            same.add(new BsonDouble(-0.0));
            same.add(new BsonDecimal128(Decimal128.NEGATIVE_ZERO));
            same.add(new BsonDecimal128(Decimal128.parse("0E-20")));
        }
        try {
            same.addAll(BsonValues.equalNumbers(value.longValueExact()));
        } catch (ArithmeticException notALong) {
            // Not every number is a long.
        }
        double d = value.doubleValue();
        if (!Double.isInfinite(d) && new BigDecimal(d).compareTo(value) == 0) {
            same.add(new BsonDouble(d));
        }
        if (value.precision() <= 34) {
            same.add(new BsonDecimal128(new Decimal128(value)));
            // The same value with trailing zeros: decimal128 keeps them, the key must not.
            if (value.precision() < 34 && value.scale() < 6176) {
                same.add(new BsonDecimal128(new Decimal128(value.setScale(value.scale() + 1))));
            }
        }
        return same;
    }
}
