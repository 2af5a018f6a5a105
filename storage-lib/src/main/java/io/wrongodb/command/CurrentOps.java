package io.wrongodb.command;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The commands running now, each with the operation id {@code currentOp} shows and {@code killOp} takes. The
 * dispatcher registers a command before running it and removes it when it has answered.
 *
 * <p>Killing marks an operation ({@code killPending} in {@code currentOp}); its document scans see the mark at their
 * next check ({@link io.wrongodb.query.Interruptions}) and the command ends with 11601 Interrupted.
 */
public final class CurrentOps {
    private final AtomicInteger nextOpId = new AtomicInteger();
    private final Map<Integer, Op> running = new ConcurrentHashMap<>();

    /** One running command. */
    public static final class Op {
        private final int opId;
        private final CommandRequest request;
        private final long startNanos = System.nanoTime();
        private volatile boolean killPending;

        Op(int opId, CommandRequest request) {
            this.opId = opId;
            this.request = request;
        }

        public int opId() {
            return opId;
        }

        public CommandRequest request() {
            return request;
        }

        public long runningNanos() {
            return System.nanoTime() - startNanos;
        }

        public boolean killPending() {
            return killPending;
        }
    }

    Op begin(CommandRequest request) {
        int opId = nextOpId.updateAndGet(id -> id == Integer.MAX_VALUE ? 1 : id + 1);
        Op op = new Op(opId, request);
        running.put(opId, op);
        return op;
    }

    void end(Op op) {
        running.remove(op.opId());
    }

    /** The running commands, oldest first. */
    public List<Op> snapshot() {
        List<Op> ops = new ArrayList<>(running.values());
        ops.sort(Comparator.comparingInt(Op::opId));
        return ops;
    }

    /** Marks the operation killed; false if no operation has that id (it may have finished). */
    public boolean kill(long opId) {
        if (opId < Integer.MIN_VALUE || opId > Integer.MAX_VALUE) {
            return false;
        }
        Op op = running.get((int) opId);
        if (op == null) {
            return false;
        }
        op.killPending = true;
        return true;
    }

    /** How many distinct client connections have a command running: {@code connections.active}. */
    public long activeConnections() {
        return running.values().stream()
                .map(op -> op.request().client())
                .filter(client -> client != null)
                .map(ClientConnection::id)
                .distinct()
                .count();
    }
}
