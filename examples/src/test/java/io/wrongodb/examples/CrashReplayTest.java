package io.wrongodb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the example as a learner would (a real child JVM, a real SIGKILL), so that what it teaches stays true: no
 * acknowledged SYNC put is lost.
 */
class CrashReplayTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everySyncAcknowledgedKeyIsThereAfterTheKill() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        CrashReplay.Outcome outcome = CrashReplay.run(dir, new PrintStream(printed, true, StandardCharsets.UTF_8));
        String output = printed.toString(StandardCharsets.UTF_8);

        assertThat(outcome.childStatus()).as(output).isEqualTo(137);
        assertThat(outcome.checkpointed()).as(output).isEqualTo(CrashingWriter.LOADED);
        assertThat(outcome.checkpointedMissing()).as(output).isZero();
        // Two runs of SYNC puts come before the kill is even requested.
        assertThat(outcome.syncAcknowledged()).as(output).isGreaterThanOrEqualTo(2 * CrashingWriter.RUN);
        assertThat(outcome.syncMissing()).as(output).isZero();
        assertThat(outcome.asyncPresent()).as(output).isBetween(0, outcome.asyncAcknowledged());
        assertThat(outcome.recovery().recordsReplayed()).as(output).isPositive();
    }
}
