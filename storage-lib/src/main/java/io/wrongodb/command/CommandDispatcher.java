package io.wrongodb.command;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.Interruptions;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonValue;
import org.jboss.logging.Logger;

/**
 * Runs a command: finds it by name, executes it, and turns whatever happens into a reply document. Never throws;
 * a failure becomes {@code {ok: 0, errmsg, code, codeName}} and the connection goes on.
 */
public final class CommandDispatcher {
    private static final Logger LOG = Logger.getLogger(CommandDispatcher.class);
    private final CommandRegistry registry;
    private final CommandMetrics metrics;
    private final OpCounters opCounters;
    private final CurrentOps currentOps;

    public CommandDispatcher(CommandRegistry registry, CommandMetrics metrics) {
        this(registry, metrics, new OpCounters(), new CurrentOps());
    }

    /** A dispatcher that counts operations into {@code opCounters} and lists running ones in {@code currentOps}. */
    public CommandDispatcher(
            CommandRegistry registry, CommandMetrics metrics, OpCounters opCounters, CurrentOps currentOps) {
        this.registry = registry;
        this.metrics = metrics;
        this.opCounters = opCounters;
        this.currentOps = currentOps;
    }

    public BsonDocument dispatch(CommandRequest request) {
        long start = System.nanoTime();
        Optional<Command> command = registry.find(request.name());
        String meterName = command.map(Command::name).orElse(CommandMetrics.UNKNOWN_COMMAND);
        BsonDocument reply;
        String outcome;
        CurrentOps.Op op = null;
        try {
            refuseTransactions(request);
            if (command.isPresent()) {
                opCounters.started(command.get().name(), request.body());
                op = currentOps.begin(request);
                Interruptions.install(interruption(op, request.body()));
            }
            reply = command.orElseThrow(() -> new MongoServerException(
                            ErrorCode.COMMAND_NOT_FOUND, "no such command: '" + request.name() + "'"))
                    .run(request);
            if (!reply.containsKey("ok")) {
                reply.append("ok", new BsonDouble(1));
            }
            outcome = "ok";
        } catch (MongoServerException e) {
            reply = e.toReply();
            outcome = e.codeName();
            LOG.debugf(
                    "command %s in %s failed: %s (%s)",
                    request.name(), request.database(), e.getMessage(), request.body());
        } catch (RuntimeException e) {
            LOG.errorf(e, "command %s failed unexpectedly", request.name());
            reply = new MongoServerException(ErrorCode.INTERNAL_ERROR, "internal error in " + request.name() + ": " + e)
                    .toReply();
            outcome = ErrorCode.INTERNAL_ERROR.codeName();
        } finally {
            if (op != null) {
                Interruptions.clear();
                currentOps.end(op);
            }
        }
        if (!outcome.equals("ok")) {
            opCounters.failed();
        }
        metrics.record(meterName, outcome, System.nanoTime() - start);
        return reply;
    }

    /**
     * What stops a running command: {@code killOp} (11601 Interrupted) or the end of its {@code maxTimeMS}
     * (50 MaxTimeMSExpired). Scans check it every 64 documents.
     */
    private static Runnable interruption(CurrentOps.Op op, BsonDocument body) {
        BsonValue maxTime = body.get("maxTimeMS");
        long limitMillis =
                maxTime != null && maxTime.isNumber() ? maxTime.asNumber().longValue() : 0;
        long deadline = limitMillis > 0 ? System.nanoTime() + limitMillis * 1_000_000L : Long.MAX_VALUE;
        return () -> {
            if (op.killPending()) {
                throw new MongoServerException(ErrorCode.INTERRUPTED, "operation was interrupted");
            }
            if (deadline != Long.MAX_VALUE && System.nanoTime() - deadline > 0) {
                throw new MongoServerException(ErrorCode.MAX_TIME_MS_EXPIRED, "operation exceeded time limit");
            }
        };
    }

    /**
     * Multi-document transactions are not implemented yet. A command that starts or continues one
     * ({@code startTransaction}, {@code autocommit: false}) is refused before it runs, so nothing the client meant
     * to commit or abort as a whole is written on its own.
     */
    private static void refuseTransactions(CommandRequest request) {
        BsonDocument body = request.body();
        String name = request.name();
        if (body.containsKey("startTransaction")
                || body.containsKey("autocommit")
                || name.equals("commitTransaction")
                || name.equals("abortTransaction")) {
            throw new MongoServerException(
                    ErrorCode.NOT_IMPLEMENTED,
                    "multi-document transactions are not supported by WrongoDB yet; '" + name + "' was not run");
        }
    }
}
