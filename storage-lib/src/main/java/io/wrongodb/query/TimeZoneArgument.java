package io.wrongodb.query;

import io.wrongodb.error.MongoServerException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.bson.BsonValue;

/**
 * The {@code timezone} argument of the date operators: an Olson name ({@code "Europe/Paris"}), {@code "UTC"} or
 * {@code "GMT"}, or an offset ({@code "+02"}, {@code "+0200"}, {@code "+02:00"}). Rules come from the JVM's zone
 * database, which may differ from a MongoDB server's in recent changes.
 */
final class TimeZoneArgument {
    private TimeZoneArgument() {}

    /** The zone of an evaluated argument: UTC when absent; null when the value is null or missing. */
    static ZoneId resolve(Expression argument, Variables variables) {
        if (argument == null) {
            return ZoneOffset.UTC;
        }
        BsonValue value = argument.evaluate(variables);
        if (Expression.isNullish(value)) {
            return null;
        }
        if (!value.isString()) {
            throw MongoServerException.location(
                    40517, "timezone must evaluate to a string, found " + Expression.typeName(value));
        }
        return zone(value.asString().getValue());
    }

    static ZoneId zone(String name) {
        if (name.equals("UTC") || name.equals("GMT") || name.equals("Z")) {
            return ZoneOffset.UTC;
        }
        try {
            if (name.startsWith("+") || name.startsWith("-")) {
                String digits = name.substring(1).replace(":", "");
                if (!digits.matches("\\d{2}|\\d{4}")) {
                    throw new DateTimeException(name);
                }
                return ZoneOffset.of(name.charAt(0) + (digits.length() == 2 ? digits + "00" : digits));
            }
            if (!name.contains("/")) {
                throw new DateTimeException(name);
            }
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw MongoServerException.location(40485, "unrecognized time zone identifier: \"" + name + "\"");
        }
    }
}
