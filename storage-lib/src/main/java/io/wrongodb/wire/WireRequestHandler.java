package io.wrongodb.wire;

import io.vertx.core.buffer.Buffer;
import io.wrongodb.command.ClientConnection;
import io.wrongodb.command.CommandDispatcher;
import io.wrongodb.command.CommandRequest;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Turns one whole request message into its reply message: decodes the opCode's format, hands the command to the
 * dispatcher, and frames the reply in the format the client used. Knows nothing of sockets.
 *
 * <p>Returns {@code null} when no reply is due (an OP_MSG with moreToCome), and throws a fatal {@link
 * WireProtocolException} when the connection must be closed.
 */
public final class WireRequestHandler {
    /** Since MongoDB 6.0 these are the only commands a client may send as OP_QUERY. */
    private static final Set<String> OP_QUERY_COMMANDS = Set.of("hello", "isMaster", "ismaster");

    private final CommandDispatcher dispatcher;
    private final AtomicInteger nextRequestId = new AtomicInteger();

    public WireRequestHandler(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    public Buffer handle(Buffer message, ClientConnection client) {
        MessageHeader header = MessageHeader.read(message);
        return switch (header.opCode()) {
            case OpCode.OP_MSG -> handleOpMsg(header, message, client);
            case OpCode.OP_QUERY -> handleOpQuery(header, message, client);
            case OpCode.OP_COMPRESSED -> refuseCompressed(header, message);
            default ->
                throw new WireProtocolException(
                        ErrorCode.PROTOCOL_ERROR, "unsupported " + OpCode.name(header.opCode()), true);
        };
    }

    private Buffer handleOpMsg(MessageHeader header, Buffer message, ClientConnection client) {
        BsonDocument reply;
        boolean moreToCome = false;
        try {
            OpMsg request = OpMsg.decode(message);
            moreToCome = request.moreToCome();
            reply = dispatcher.dispatch(new CommandRequest(database(request.body()), command(request), client));
        } catch (WireProtocolException e) {
            if (e.fatal()) {
                throw e;
            }
            reply = e.toReply();
        } catch (MongoServerException e) {
            reply = e.toReply();
        }
        return moreToCome ? null : OpMsg.of(reply).encode(nextRequestId.incrementAndGet(), header.requestId());
    }

    private static String database(BsonDocument body) {
        BsonValue db = body.get("$db");
        if (db == null || !db.isString()) {
            throw new MongoServerException(ErrorCode.OP_MSG_MISSING_DB, "OP_MSG requests require a $db argument");
        }
        return db.asString().getValue();
    }

    /** The body with each document sequence added as an array field, as the command sees it. */
    private static BsonDocument command(OpMsg request) {
        if (request.sequences().isEmpty()) {
            return request.body();
        }
        BsonDocument command = request.body().clone();
        for (DocumentSequence sequence : request.sequences()) {
            if (command.containsKey(sequence.identifier())) {
                throw new MongoServerException(
                        ErrorCode.PROTOCOL_ERROR,
                        "duplicate field '" + sequence.identifier() + "' in the body and a document sequence");
            }
            command.append(sequence.identifier(), new BsonArray(sequence.documents()));
        }
        return command;
    }

    private Buffer handleOpQuery(MessageHeader header, Buffer message, ClientConnection client) {
        BsonDocument reply;
        try {
            OpQuery query = OpQuery.decode(message);
            BsonDocument command = query.command();
            String name = command.isEmpty() ? "" : command.getFirstKey();
            String collection = query.fullCollectionName();
            if (!collection.endsWith(".$cmd") || !OP_QUERY_COMMANDS.contains(name)) {
                throw new MongoServerException(
                        ErrorCode.UNSUPPORTED_OP_QUERY_COMMAND,
                        "Unsupported OP_QUERY command: " + name + ". The client driver may require an upgrade. "
                                + "Only hello and isMaster may be sent as OP_QUERY; use OP_MSG.");
            }
            String database = collection.substring(0, collection.length() - ".$cmd".length());
            reply = dispatcher.dispatch(new CommandRequest(database, command, client));
        } catch (WireProtocolException e) {
            if (e.fatal()) {
                throw e;
            }
            reply = e.toReply();
        } catch (MongoServerException e) {
            reply = e.toReply();
        }
        return new OpReply(reply).encode(nextRequestId.incrementAndGet(), header.requestId());
    }

    /**
     * WrongoDB lists no compressor in hello, so a client must not compress. One that does anyway gets an error in
     * the format of the message it wrapped, and the connection stays usable.
     */
    private Buffer refuseCompressed(MessageHeader header, Buffer message) {
        MongoServerException error = new MongoServerException(
                ErrorCode.PROTOCOL_ERROR, "OP_COMPRESSED is not supported: the server offered no compressor in hello");
        int originalOpCode = message.length() >= MessageHeader.SIZE + 4 ? message.getIntLE(MessageHeader.SIZE) : 0;
        int requestId = nextRequestId.incrementAndGet();
        return originalOpCode == OpCode.OP_QUERY
                ? new OpReply(error.toReply()).encode(requestId, header.requestId())
                : OpMsg.of(error.toReply()).encode(requestId, header.requestId());
    }
}
