package io.wrongodb.wire;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Meters of the wire server: {@code wrongodb.connections.open} (a gauge), {@code wrongodb.connections.accepted} and
 * {@code wrongodb.wire.rejected} (messages that broke the framing and cost the client its connection).
 */
public final class WireMetrics {
    private final AtomicInteger open = new AtomicInteger();
    private final Counter accepted;
    private final Counter rejected;

    public WireMetrics(MeterRegistry registry) {
        Gauge.builder("wrongodb.connections.open", open, AtomicInteger::get)
                .description("Client connections open now")
                .register(registry);
        accepted = Counter.builder("wrongodb.connections.accepted")
                .description("Client connections accepted since start")
                .register(registry);
        rejected = Counter.builder("wrongodb.wire.rejected")
                .description("Connections closed because a message broke the wire format")
                .register(registry);
    }

    void connectionOpened() {
        open.incrementAndGet();
        accepted.increment();
    }

    void connectionClosed() {
        open.decrementAndGet();
    }

    void messageRejected() {
        rejected.increment();
    }

    public int openConnections() {
        return open.get();
    }
}
