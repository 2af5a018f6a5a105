package io.wrongodb.command;

import io.wrongodb.bson.TypeNames;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;

/**
 * The server parameters a client may change while the node runs ({@code setParameter}) and read back
 * ({@code getParameter}), with MongoDB's names: {@code ttlMonitorEnabled} and {@code ttlMonitorSleepSecs}, the
 * switch and the period of the background pass that deletes expired documents, and {@code cursorTimeoutMillis},
 * how long an idle cursor lives.
 */
public final class ServerParameters {
    private volatile boolean ttlMonitorEnabled = true;
    private volatile int ttlMonitorSleepSecs = 60;
    private volatile long cursorTimeoutMillis = OpenCursors.DEFAULT_TIMEOUT.toMillis();
    private final Object changed = new Object();

    public boolean ttlMonitorEnabled() {
        return ttlMonitorEnabled;
    }

    public int ttlMonitorSleepSecs() {
        return ttlMonitorSleepSecs;
    }

    /** How long a cursor may sit unused before it is closed (MongoDB's {@code cursorTimeoutMillis}). */
    public long cursorTimeoutMillis() {
        return cursorTimeoutMillis;
    }

    /** Every parameter and its value. */
    BsonDocument all() {
        return new BsonDocument("ttlMonitorEnabled", BsonBoolean.valueOf(ttlMonitorEnabled))
                .append("ttlMonitorSleepSecs", new BsonInt32(ttlMonitorSleepSecs))
                .append("cursorTimeoutMillis", new org.bson.BsonInt64(cursorTimeoutMillis));
    }

    /** The value of {@code name}, or null if it is not one of these parameters. */
    BsonValue get(String name) {
        return all().get(name);
    }

    /** Sets {@code name} to {@code value} and returns the value it had; MongoDB's errors for a bad one. */
    BsonValue set(String name, BsonValue value) {
        BsonValue was = get(name);
        if (was == null) {
            throw new MongoServerException(
                    ErrorCode.INVALID_OPTIONS,
                    "attempted to set unrecognized parameter [" + name + "], use help:true to see options ");
        }
        switch (name) {
            case "ttlMonitorEnabled" -> {
                if (!value.isBoolean() && !value.isNumber()) {
                    throw wrongType(name, value);
                }
                ttlMonitorEnabled = value.isBoolean()
                        ? value.asBoolean().getValue()
                        : value.asNumber().doubleValue() != 0;
            }
            case "ttlMonitorSleepSecs" -> {
                if (!value.isNumber()) {
                    throw wrongType(name, value);
                }
                long seconds = value.asNumber().longValue();
                if (seconds < 1 || seconds > Integer.MAX_VALUE) {
                    throw new MongoServerException(
                            ErrorCode.BAD_VALUE,
                            "Invalid value for parameter ttlMonitorSleepSecs: " + seconds + " is not greater than 0");
                }
                ttlMonitorSleepSecs = (int) seconds;
            }
            case "cursorTimeoutMillis" -> {
                if (!value.isNumber()) {
                    throw wrongType(name, value);
                }
                cursorTimeoutMillis = Math.max(0, value.asNumber().longValue());
            }
            default -> throw new IllegalStateException(name);
        }
        wakeWaiters();
        return was;
    }

    /** Waits up to {@code millis}, returning early when a parameter changes. */
    void awaitChange(long millis) throws InterruptedException {
        synchronized (changed) {
            changed.wait(millis);
        }
    }

    /** Wakes whoever is in {@link #awaitChange}. */
    void wakeWaiters() {
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    private static MongoServerException wrongType(String name, BsonValue value) {
        return new MongoServerException(
                ErrorCode.BAD_VALUE,
                "Invalid value for parameter " + name + ": a value of type " + TypeNames.of(value) + " cannot be used");
    }
}
