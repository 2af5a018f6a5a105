package io.wrongodb.command;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Meters of command execution: {@code wrongodb.commands} counts commands by name and outcome ({@code ok} or the
 * error's codeName), {@code wrongodb.command.latency} times them by name. Unknown command names are all counted as
 * {@code unknown}, so a client cannot grow the number of series without bound.
 */
public final class CommandMetrics {
    public static final String UNKNOWN_COMMAND = "unknown";
    private final MeterRegistry registry;

    public CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String command, String outcome, long nanos) {
        Counter.builder("wrongodb.commands")
                .description("Commands executed, by name and outcome")
                .tag("command", command)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
        Timer.builder("wrongodb.command.latency")
                .description("Time to execute a command, from decoded request to reply document")
                .tag("command", command)
                .publishPercentileHistogram()
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
