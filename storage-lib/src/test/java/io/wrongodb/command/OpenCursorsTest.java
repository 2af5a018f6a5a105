package io.wrongodb.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.Results;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/** Idle cursors time out; a cursor in use does not; ids are never 0. With a clock the test moves by hand. */
class OpenCursorsTest {
    private final AtomicLong now = new AtomicLong();
    private final OpenCursors cursors = new OpenCursors(Duration.ofMinutes(10), now::get);

    private static Results some() {
        return Results.of(List.of(new BsonDocument(), new BsonDocument()));
    }

    @Test
    void anIdleCursorIsClosedAfterTheTimeout() {
        long id = cursors.open("test.c", some());
        assertThat(id).isNotZero();
        now.addAndGet(Duration.ofMinutes(9).toNanos());
        cursors.giveBack(cursors.take(id), false);
        now.addAndGet(Duration.ofMinutes(9).toNanos());
        assertThat(cursors.take(id)).isNotNull();
        now.addAndGet(Duration.ofMinutes(11).toNanos());
        assertThat(cursors.size()).isEqualTo(1);
        long other = cursors.open("test.c", some());
        assertThat(cursors.size()).as("the cursor in use is not swept").isEqualTo(2);
        cursors.giveBack(cursors.peek(id), false);
        now.addAndGet(Duration.ofMinutes(11).toNanos());
        assertThatThrownBy(() -> cursors.take(id)).isInstanceOfSatisfying(MongoServerException.class, e -> {
            assertThat(e.code()).isEqualTo(43);
            assertThat(e.getMessage()).isEqualTo("cursor id " + id + " not found");
        });
        assertThatThrownBy(() -> cursors.take(other)).isInstanceOf(MongoServerException.class);
        assertThat(cursors.size()).isZero();
    }

    @Test
    void anExhaustedCursorIsForgotten() {
        long id = cursors.open("test.c", some());
        cursors.giveBack(cursors.take(id), true);
        assertThat(cursors.peek(id)).isNull();
    }
}
