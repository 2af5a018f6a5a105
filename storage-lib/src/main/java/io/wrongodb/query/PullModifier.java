package io.wrongodb.query;

import io.wrongodb.bson.BsonOrder;
import java.util.List;
import java.util.function.Predicate;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * $pull and $pullAll: remove the array elements that match. $pullAll and $pull with a plain value compare by
 * equality; $pull with a document of conditions ({@code {$gte: 6}}) or a regular expression tests each element as a
 * query would, and $pull with a plain document matches the elements that are documents matching it as a query.
 */
final class PullModifier extends Modifier {
    private final Predicate<BsonValue> matches;

    private PullModifier(Predicate<BsonValue> matches) {
        this.matches = matches;
    }

    static PullModifier pull(BsonValue spec) {
        if (spec.isDocument() && isConditions(spec.asDocument())) {
            return wrapped(spec);
        }
        if (spec.isDocument()) {
            Filter filter = Filter.parse(spec.asDocument());
            return new PullModifier(element -> element.isDocument() && filter.matches(element.asDocument()));
        }
        if (spec.isRegularExpression()) {
            return wrapped(spec);
        }
        return new PullModifier(element -> BsonOrder.INSTANCE.compare(element, spec) == 0);
    }

    private static boolean isConditions(BsonDocument spec) {
        return !spec.isEmpty() && spec.getFirstKey().startsWith("$");
    }

    /** Tests {@code {v: element}} against {@code {v: condition}}. */
    private static PullModifier wrapped(BsonValue condition) {
        Filter filter = Filter.parse(new BsonDocument("v", condition));
        return new PullModifier(element -> filter.matches(new BsonDocument("v", element)));
    }

    static PullModifier pullAll(BsonValue spec) {
        if (!spec.isArray()) {
            throw badValue("$pullAll requires an array argument but was given a " + BsonText.typeName(spec));
        }
        List<BsonValue> values = spec.asArray().getValues();
        return new PullModifier(
                element -> values.stream().anyMatch(value -> BsonOrder.INSTANCE.compare(element, value) == 0));
    }

    @Override
    boolean createsPath() {
        return false;
    }

    @Override
    BsonValue update(UpdateTarget target, UpdateContext context) {
        if (!target.element.isArray()) {
            throw badValue("Cannot apply $pull to a non-array value");
        }
        BsonArray kept = new BsonArray();
        for (BsonValue element : target.element.asArray()) {
            if (!matches.test(element)) {
                kept.add(element);
            }
        }
        return kept.size() == target.element.asArray().size() ? null : kept;
    }
}
