package io.wrongodb.query;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDecimal128;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * {@code $sum $avg $max $min} as expressions: over the elements of their one argument when it is an array, else
 * over their arguments. {@code $sum} and {@code $avg} skip values that are not numbers ({@code $sum} of none is 0,
 * {@code $avg} null); {@code $max} and {@code $min} skip null and missing and compare in MongoDB's order.
 */
final class SummaryExpression extends ValueOperatorExpression {
    SummaryExpression(String operator, List<Expression> arguments) {
        super(operator, arguments);
    }

    @Override
    BsonValue apply(List<BsonValue> values) {
        List<BsonValue> items = values;
        if (values.size() == 1 && values.get(0) != null && values.get(0).isArray()) {
            items = values.get(0).asArray().getValues();
        }
        return switch (operator) {
            case "$sum" -> sum(items);
            case "$avg" -> average(items);
            default -> extreme(items, operator.equals("$max"));
        };
    }

    static BsonValue sum(List<BsonValue> items) {
        BsonValue total = new BsonInt32(0);
        boolean overflowed = false;
        double doubleTotal = 0;
        for (BsonValue item : items) {
            if (!isNumber(item)) {
                continue;
            }
            doubleTotal += item.isDecimal128() ? 0 : item.asNumber().doubleValue();
            if (!overflowed) {
                BsonValue next = BsonArithmetic.add(total, item);
                if (next == null) {
                    overflowed = true;
                } else {
                    total = next;
                }
            }
        }
        return overflowed ? new BsonDouble(doubleTotal) : total;
    }

    private static BsonValue average(List<BsonValue> items) {
        List<BsonValue> numbers = new ArrayList<>();
        boolean decimal = false;
        for (BsonValue item : items) {
            if (isNumber(item)) {
                numbers.add(item);
                decimal |= item.isDecimal128();
            }
        }
        if (numbers.isEmpty()) {
            return BsonNull.VALUE;
        }
        if (decimal) {
            BsonValue total = new BsonInt32(0);
            for (BsonValue number : numbers) {
                total = BsonArithmetic.add(total, number);
            }
            Decimal128 sum = total.asDecimal128().getValue();
            if (sum.isNaN() || sum.isInfinite()) {
                return total;
            }
            BigDecimal mean = ModTest.exact(sum).divide(BigDecimal.valueOf(numbers.size()), MathContext.DECIMAL128);
            return new BsonDecimal128(new Decimal128(mean));
        }
        double total = 0;
        for (BsonValue number : numbers) {
            total += number.asNumber().doubleValue();
        }
        return new BsonDouble(total / numbers.size());
    }

    private static BsonValue extreme(List<BsonValue> items, boolean max) {
        BsonValue best = null;
        for (BsonValue item : items) {
            if (isNullish(item)) {
                continue;
            }
            if (best == null) {
                best = item;
                continue;
            }
            int c = ComparisonExpression.compare(item, best);
            if (max ? c > 0 : c < 0) {
                best = item;
            }
        }
        return best == null ? BsonNull.VALUE : best;
    }
}
