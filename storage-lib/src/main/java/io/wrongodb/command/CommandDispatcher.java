package io.wrongodb.command;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
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
            if (command.isPresent()) {
                opCounters.started(command.get().name(), request.body());
                op = currentOps.begin(request);
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
                currentOps.end(op);
            }
        }
        if (!outcome.equals("ok")) {
            opCounters.failed();
        }
        metrics.record(meterName, outcome, System.nanoTime() - start);
        return reply;
    }
}
