package io.wrongodb.query;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;

/**
 * Dates as text: {@code $dateToString}'s format specifiers ({@code %Y %m %d %H %M %S %L %j %w %u %U %G %V %z %Z
 * %%}) and the ISO-8601 forms {@code $dateFromString} and {@code $toDate} read.
 */
final class DateText {
    static final String ISO_FORMAT = "%Y-%m-%dT%H:%M:%S.%LZ";

    private DateText() {}

    /** A date in UTC as MongoDB writes one by default: {@code 2020-01-31T08:00:00.000Z}. */
    static String iso(long millis) {
        return format(millis, ISO_FORMAT, ZoneOffset.UTC);
    }

    /** The date formatted in the zone; an unknown specifier or a year outside 0-9999 is an error. */
    static String format(long millis, String format, ZoneId zone) {
        ZonedDateTime t = Instant.ofEpochMilli(millis).atZone(zone);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 1 == format.length()) {
                throw MongoServerException.location(18535, "Unmatched '%' at end of format string");
            }
            char spec = format.charAt(++i);
            switch (spec) {
                case 'Y' -> out.append(year(t.getYear()));
                case 'G' -> out.append(year(t.get(IsoFields.WEEK_BASED_YEAR)));
                case 'm' -> pad(out, t.getMonthValue(), 2);
                case 'd' -> pad(out, t.getDayOfMonth(), 2);
                case 'H' -> pad(out, t.getHour(), 2);
                case 'M' -> pad(out, t.getMinute(), 2);
                case 'S' -> pad(out, t.getSecond(), 2);
                case 'L' -> pad(out, t.get(ChronoField.MILLI_OF_SECOND), 3);
                case 'j' -> pad(out, t.getDayOfYear(), 3);
                case 'w' -> out.append(t.getDayOfWeek().getValue() % 7 + 1);
                case 'u' -> out.append(t.getDayOfWeek().getValue());
                case 'U' -> pad(out, sundayWeek(t), 2);
                case 'V' -> pad(out, t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2);
                case 'z' -> {
                    int seconds = t.getOffset().getTotalSeconds();
                    out.append(seconds < 0 ? '-' : '+');
                    pad(out, Math.abs(seconds) / 3600, 2);
                    pad(out, Math.abs(seconds) / 60 % 60, 2);
                }
                case 'Z' -> {
                    out.append(t.getOffset().getTotalSeconds() / 60);
                }
                case '%' -> out.append('%');
                default ->
                    throw MongoServerException.location(
                            18536, "Invalid format character '%" + spec + "' in format string");
            }
        }
        return out.toString();
    }

    /** Checks a format string's specifiers without formatting anything. */
    static void checkFormat(String format) {
        format(0, format, ZoneOffset.UTC);
    }

    /** The week of the year, 0-53, weeks starting on Sunday and week 1 holding the first Sunday (as {@code %U}). */
    static int sundayWeek(ZonedDateTime t) {
        int dayOfYear = t.getDayOfYear() - 1;
        int sundayBased = t.getDayOfWeek().getValue() % 7;
        return (dayOfYear - sundayBased + 7) / 7;
    }

    private static String year(int year) {
        if (year < 0 || year > 9999) {
            throw MongoServerException.location(
                    18537,
                    "Could not convert date to string: date component was outside the supported range of 0-9999: "
                            + year);
        }
        return String.format("%04d", year);
    }

    private static void pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        out.append("0".repeat(Math.max(0, width - digits.length()))).append(digits);
    }

    /** Reads an ISO-8601 date such as {@code 2020-01-31}, {@code 2020-01-31T08:00:00.123Z} or {@code ...+02:00}. */
    static long parseIso(String text) {
        return parseIso(text, ZoneOffset.UTC);
    }

    /** Reads an ISO-8601 date; one without an offset is in {@code zone}. */
    static long parseIso(String text, ZoneId zone) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?"
                                + "\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)?")
                .matcher(text.trim());
        if (!m.matches()) {
            throw failure(text);
        }
        try {
            String fraction = m.group(7) == null ? "0" : (m.group(7) + "000000000").substring(0, 9);
            LocalDateTime local = LocalDateTime.of(
                    Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)),
                    m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                    m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
                    Integer.parseInt(fraction));
            ZoneId in = m.group(8) == null ? zone : ZoneOffset.of(m.group(8).equals("Z") ? "Z" : offset(m.group(8)));
            return local.atZone(in).toInstant().toEpochMilli();
        } catch (java.time.DateTimeException e) {
            throw failure(text);
        }
    }

    private static String offset(String text) {
        String digits = text.substring(1).replace(":", "");
        return text.charAt(0) + (digits.length() == 2 ? digits + "00" : digits);
    }

    private static MongoServerException failure(String text) {
        return new MongoServerException(
                ErrorCode.CONVERSION_FAILURE,
                "Error parsing date string '" + text + "'; the string is not an ISO-8601 date WrongoDB can read");
    }
}
