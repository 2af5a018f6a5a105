package io.wrongodb.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.wrongodb.bson.BsonOrder;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonUndefined;
import org.bson.BsonValue;

/**
 * Sorting random documents on {@code a}: scalars order exactly as {@link BsonOrder} orders them, and a sorted list
 * of documents with arrays has its smallest (ascending) or largest (descending) elements in order.
 */
class SortOrderPropertyTest {
    private static final BsonOrder ORDER = BsonOrder.INSTANCE;

    @Provide
    Arbitrary<BsonValue> scalars() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(-3, 3).map(i -> (BsonValue) new BsonInt32(i)),
                Arbitraries.longs().between(-3, 3).map(l -> (BsonValue) new BsonInt64(l)),
                Arbitraries.of(-1.5, 0.0, -0.0, 2.5, Double.NaN).map(d -> (BsonValue) new BsonDouble(d)),
                Arbitraries.of("", "a", "b", "ab").map(s -> (BsonValue) new BsonString(s)),
                Arbitraries.of(BsonBoolean.TRUE, BsonBoolean.FALSE, BsonNull.VALUE));
    }

    /** A value of {@code a}: a scalar, an array of scalars (maybe empty), or null for a missing field. */
    @Provide
    Arbitrary<BsonValue> fieldValues() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, scalars()),
                Tuple.of(3, scalars().list().ofMaxSize(4).map(l -> (BsonValue) new BsonArray(l))),
                Tuple.of(1, Arbitraries.just((BsonValue) null)));
    }

    @Provide
    Arbitrary<List<BsonValue>> fieldValueLists() {
        return fieldValues().list().ofMaxSize(8);
    }

    private static BsonDocument withA(BsonValue value) {
        return value == null ? new BsonDocument() : new BsonDocument("a", value);
    }

    @Property(tries = 2000)
    void scalarsCompareAsBsonOrderDoes(@ForAll("scalars") BsonValue left, @ForAll("scalars") BsonValue right) {
        int expected = ORDER.compare(left, right);
        var ascending = SortOrder.parse(BsonDocument.parse("{a: 1}")).comparator();
        var descending = SortOrder.parse(BsonDocument.parse("{a: -1}")).comparator();
        assertThat(Integer.signum(ascending.compare(withA(left), withA(right)))).isEqualTo(expected);
        assertThat(Integer.signum(descending.compare(withA(left), withA(right))))
                .isEqualTo(-expected);
    }

    /** The value MongoDB sorts a document by, computed directly: min or max of an array, [] below null. */
    private static BsonValue expectedKey(BsonValue value, boolean ascending) {
        if (value == null) {
            return BsonNull.VALUE;
        }
        if (!value.isArray()) {
            return value;
        }
        if (value.asArray().isEmpty()) {
            return new BsonUndefined();
        }
        List<BsonValue> elements = new ArrayList<>(value.asArray().getValues());
        elements.sort(ORDER);
        return ascending ? elements.get(0) : elements.get(elements.size() - 1);
    }

    @Property(tries = 500)
    void sortedDocumentsHaveTheirKeysInOrder(@ForAll("fieldValueLists") List<BsonValue> values) {
        for (boolean ascending : new boolean[] {true, false}) {
            List<BsonDocument> documents = new ArrayList<>();
            for (BsonValue value : values) {
                documents.add(withA(value));
            }
            documents.sort(SortOrder.parse(BsonDocument.parse(ascending ? "{a: 1}" : "{a: -1}"))
                    .comparator());
            for (int i = 1; i < documents.size(); i++) {
                BsonValue previous = expectedKey(documents.get(i - 1).get("a"), ascending);
                BsonValue current = expectedKey(documents.get(i).get("a"), ascending);
                int c = ORDER.compare(previous, current);
                assertThat(ascending ? c : -c)
                        .as("%s before %s", documents.get(i - 1), documents.get(i))
                        .isLessThanOrEqualTo(0);
            }
        }
    }
}
