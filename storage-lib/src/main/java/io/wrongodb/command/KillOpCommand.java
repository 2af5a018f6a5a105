package io.wrongodb.command;

import io.wrongodb.bson.TypeNames;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * {@code killOp} (admin only): {@code {killOp: 1, op: <opid>}} marks the operation killed and answers
 * {@code {info: "attempting to kill op"}} whether or not it still runs, as mongod does. {@code currentOp} shows
 * {@code killPending: true} until the operation's next document scan check ends it with 11601 Interrupted.
 */
public final class KillOpCommand implements Command {
    private final CurrentOps currentOps;

    public KillOpCommand(CurrentOps currentOps) {
        this.currentOps = currentOps;
    }

    @Override
    public String name() {
        return "killOp";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        if (!request.database().equals("admin")) {
            throw new MongoServerException(
                    ErrorCode.UNAUTHORIZED, "killOp may only be run against the admin database.");
        }
        currentOps.kill(opId(request.body().get("op")));
        return new BsonDocument("info", new BsonString("attempting to kill op"));
    }

    /** The {@code op} field as an integer, with the errors mongod's integer field extraction gives. */
    private static long opId(BsonValue op) {
        if (op == null) {
            throw new MongoServerException(ErrorCode.NO_SUCH_KEY, "Missing expected field \"op\"");
        }
        if (!op.isNumber()) {
            throw new MongoServerException(
                    ErrorCode.TYPE_MISMATCH,
                    "Expected field \"op\" to have numeric type, but found " + TypeNames.of(op));
        }
        if (op.isDouble() && op.asDouble().getValue() != Math.rint(op.asDouble().getValue())) {
            throw new MongoServerException(
                    ErrorCode.BAD_VALUE,
                    "Expected field \"op\" to have a value exactly representable as a 64-bit integer, but found op: "
                            + op.asDouble().getValue());
        }
        return op.asNumber().longValue();
    }
}
