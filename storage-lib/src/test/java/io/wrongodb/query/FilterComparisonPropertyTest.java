package io.wrongodb.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.wrongodb.bson.BsonOrder;
import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bson.BsonBoolean;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * On scalars, {@code $eq $gt $gte $lt $lte} agree with {@link BsonOrder} when both values are of one type group
 * (NaN aside), and never match across groups.
 */
class FilterComparisonPropertyTest {
    @Property(tries = 2000)
    void comparisonsAgreeWithTheOrderWithinATypeGroup(
            @ForAll("scalars") BsonValue stored, @ForAll("scalars") BsonValue operand) {
        BsonDocument document = new BsonDocument("a", stored);
        boolean sameGroup = TypeBracket.of(stored) == TypeBracket.of(operand);
        boolean nan = ComparisonTest.isNaN(stored) || ComparisonTest.isNaN(operand);
        int c = BsonOrder.INSTANCE.compare(stored, operand);
        assertThat(matches("$eq", operand, document)).isEqualTo(sameGroup && c == 0);
        if (nan) {
            return;
        }
        assertThat(matches("$gt", operand, document)).isEqualTo(sameGroup && c > 0);
        assertThat(matches("$gte", operand, document)).isEqualTo(sameGroup && c >= 0);
        assertThat(matches("$lt", operand, document)).isEqualTo(sameGroup && c < 0);
        assertThat(matches("$lte", operand, document)).isEqualTo(sameGroup && c <= 0);
        assertThat(matches("$ne", operand, document)).isEqualTo(!(sameGroup && c == 0));
    }

    private static boolean matches(String operator, BsonValue operand, BsonDocument document) {
        BsonDocument filter = new BsonDocument("a", new BsonDocument(operator, operand));
        return Filter.parse(filter).matches(document);
    }

    @Provide
    Arbitrary<BsonValue> scalars() {
        Arbitrary<Long> small = Arbitraries.longs().between(-3, 3);
        return Arbitraries.oneOf(
                small.map(n -> new BsonInt32(n.intValue())),
                small.map(BsonInt64::new),
                Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, 1L << 53, (1L << 53) + 1)
                        .map(BsonInt64::new),
                small.map(n -> new BsonDouble(n / 2.0)),
                Arbitraries.of(Double.NaN, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0x1p53, 0x1p63)
                        .map(BsonDouble::new),
                small.map(n -> new BsonDecimal128(new Decimal128(BigDecimal.valueOf(n, 1)))),
                Arbitraries.strings().withChars("ab\u00e9").ofMaxLength(3).map(BsonString::new),
                Arbitraries.of(true, false).map(BsonBoolean::valueOf));
    }
}
