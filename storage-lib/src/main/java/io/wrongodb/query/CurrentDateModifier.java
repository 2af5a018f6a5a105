package io.wrongodb.query;

import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonDateTime;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;

/** $currentDate: sets the field to the current date, or to a timestamp of the current second. */
final class CurrentDateModifier extends Modifier {
    private static final AtomicInteger INCREMENT = new AtomicInteger();
    private final boolean timestamp;

    private CurrentDateModifier(boolean timestamp) {
        this.timestamp = timestamp;
    }

    /** Parses {@code true}, {@code false} (both mean a date) or {@code {$type: "date"|"timestamp"}}. */
    static CurrentDateModifier parse(String field, BsonValue spec) {
        if (spec.isBoolean()) {
            return new CurrentDateModifier(false);
        }
        if (!spec.isDocument()) {
            throw badValue(BsonText.element(field, spec) + " is not valid type for $currentDate. Please use a"
                    + " boolean ('true') or a $type expression ({$type: 'timestamp/date'}).");
        }
        boolean timestamp = false;
        for (String option : spec.asDocument().keySet()) {
            if (!option.equals("$type")) {
                throw badValue("Unrecognized $currentDate option: " + option);
            }
        }
        BsonValue type = spec.asDocument().get("$type");
        if (type != null) {
            if (type.isString() && type.asString().getValue().equals("timestamp")) {
                timestamp = true;
            } else if (!type.isString() || !type.asString().getValue().equals("date")) {
                throw badValue("The '$type' string field is required to be 'date' or 'timestamp': "
                        + "{$currentDate: {field : {$type: 'date'}}}");
            }
        }
        return new CurrentDateModifier(timestamp);
    }

    private BsonValue now() {
        long millis = System.currentTimeMillis();
        if (timestamp) {
            return new BsonTimestamp((int) (millis / 1000), INCREMENT.incrementAndGet());
        }
        return new BsonDateTime(millis);
    }

    @Override
    BsonValue valueForMissing(UpdateTarget target, UpdateContext context) {
        return now();
    }

    @Override
    BsonValue update(UpdateTarget target, UpdateContext context) {
        return now();
    }
}
