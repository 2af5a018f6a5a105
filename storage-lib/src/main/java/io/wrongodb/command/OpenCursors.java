package io.wrongodb.command;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.Results;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * The cursors clients may still {@code getMore} from, by id. A cursor not used for {@code cursorTimeout} (10 minutes,
 * as MongoDB's {@code cursorTimeoutMillis}) is closed: the next {@code getMore} on it is CursorNotFound (43). Idle
 * cursors are swept whenever a cursor is opened or used, so no timer thread is needed.
 */
public final class OpenCursors {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    /** One open cursor: its namespace, the query it continues, and when a client last used it. */
    static final class OpenCursor {
        final long id;
        final String namespace;
        final Results run;
        final boolean noTimeout;
        volatile long lastUsedNanos;
        volatile boolean inUse;

        OpenCursor(long id, String namespace, Results run, long now, boolean noTimeout) {
            this.id = id;
            this.namespace = namespace;
            this.run = run;
            this.lastUsedNanos = now;
            this.noTimeout = noTimeout;
        }
    }

    private final Map<Long, OpenCursor> cursors = new ConcurrentHashMap<>();
    private final LongSupplier timeoutMillis;
    private final LongSupplier clock;

    public OpenCursors(Duration timeout, LongSupplier clock) {
        this(timeout::toMillis, clock);
    }

    /** With the timeout read at each sweep, so {@code setParameter: {cursorTimeoutMillis}} applies at once. */
    public OpenCursors(LongSupplier timeoutMillis, LongSupplier clock) {
        this.timeoutMillis = timeoutMillis;
        this.clock = clock;
    }

    public OpenCursors() {
        this(DEFAULT_TIMEOUT, System::nanoTime);
    }

    /** Keeps {@code run} for later batches; returns its new id (positive, never 0). */
    long open(String namespace, Results run) {
        return open(namespace, run, false);
    }

    /** As {@link #open(String, Results)}; a {@code noTimeout} cursor ({@code noCursorTimeout}) is never swept. */
    long open(String namespace, Results run, boolean noTimeout) {
        sweep();
        while (true) {
            long id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
            OpenCursor cursor = new OpenCursor(id, namespace, run, clock.getAsLong(), noTimeout);
            if (cursors.putIfAbsent(id, cursor) == null) {
                return id;
            }
        }
    }

    /** The cursor for a getMore, marked in use; CursorNotFound (43) if there is none. */
    OpenCursor take(long id) {
        sweep();
        OpenCursor cursor = cursors.get(id);
        if (cursor == null) {
            throw new MongoServerException(ErrorCode.CURSOR_NOT_FOUND, "cursor id " + id + " not found");
        }
        synchronized (cursor) {
            if (cursor.inUse) {
                throw new MongoServerException(ErrorCode.CURSOR_NOT_FOUND, "cursor id " + id + " is already in use");
            }
            cursor.inUse = true;
        }
        return cursor;
    }

    /** Ends a getMore: the cursor is kept for the next one, or closed when {@code exhausted}. */
    void giveBack(OpenCursor cursor, boolean exhausted) {
        cursor.lastUsedNanos = clock.getAsLong();
        cursor.inUse = false;
        if (exhausted) {
            cursors.remove(cursor.id);
        }
    }

    OpenCursor peek(long id) {
        return cursors.get(id);
    }

    boolean kill(long id) {
        return cursors.remove(id) != null;
    }

    public int size() {
        return cursors.size();
    }

    private void sweep() {
        long now = clock.getAsLong();
        long timeoutNanos = timeoutMillis.getAsLong() * 1_000_000L;
        for (Iterator<OpenCursor> it = cursors.values().iterator(); it.hasNext(); ) {
            OpenCursor cursor = it.next();
            if (!cursor.inUse && !cursor.noTimeout && now - cursor.lastUsedNanos > timeoutNanos) {
                it.remove();
            }
        }
    }
}
