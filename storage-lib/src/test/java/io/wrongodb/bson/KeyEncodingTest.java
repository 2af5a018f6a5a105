package io.wrongodb.bson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

/** The key bytes of a few values, as docs/key-encoding.md shows them. */
class KeyEncodingTest {
    @Test
    void numbersAreExponentThenDigits() {
        assertThat(hex(new BsonInt32(5))).isEqualTo("1e05800160");
        assertThat(hex(new BsonDouble(12.5))).isEqualTo("1e0580022360");
        assertThat(hex(new BsonDecimal128(Decimal128.parse("12.50")))).isEqualTo("1e0580022360");
        assertThat(hex(new BsonInt32(-5))).isEqualTo("1e037ffe9f");
        assertThat(hex(new BsonDouble(-0.0))).isEqualTo("1e04");
        assertThat(hex(new BsonDouble(Double.NaN))).isEqualTo("1e01");
    }

    @Test
    void stringsEscapeZeroBytesAndEndInTwoZeros() {
        assertThat(hex(new BsonString("ab"))).isEqualTo("3c61620000");
        assertThat(hex(new BsonString("a\u0000b"))).isEqualTo("3c6100ff620000");
    }

    @Test
    void documentsWriteTypeNameAndValuePerElement() {
        assertThat(hex(BsonDocument.parse("{a: 1}"))).isEqualTo("46" + "1e" + "610000" + "05800120" + "00");
    }

    @Test
    void aDescendingFieldHasItsBytesInverted() {
        byte[] ascending = KeyEncoding.encode(new BsonInt32(5));
        byte[] descending = KeyEncoding.encode(new BsonInt32(5), SortDirection.DESCENDING);
        for (int i = 0; i < ascending.length; i++) {
            assertThat(descending[i]).isEqualTo((byte) ~ascending[i]);
        }
    }

    @Test
    void aCompoundKeyIsItsFieldsKeysInOrder() {
        List<BsonValue> values = List.of(new BsonString("a"), BsonNull.VALUE);
        byte[] key = KeyEncoding.encode(values, List.of(SortDirection.ASCENDING, SortDirection.DESCENDING));
        assertThat(HexFormat.of().formatHex(key)).isEqualTo("3c610000" + "eb");
        // "a" then anything sorts before "a\0": the first field's terminator decides.
        byte[] longer = KeyEncoding.encode(
                List.of(new BsonString("a\u0000"), new BsonString("")),
                List.of(SortDirection.ASCENDING, SortDirection.ASCENDING));
        assertThat(Arrays.compareUnsigned(key, longer)).isNegative();
    }

    @Test
    void aCompoundKeyNeedsADirectionPerValue() {
        assertThatThrownBy(() -> KeyEncoding.encode(List.of(BsonNull.VALUE), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String hex(BsonValue value) {
        return HexFormat.of().formatHex(KeyEncoding.encode(value));
    }
}
