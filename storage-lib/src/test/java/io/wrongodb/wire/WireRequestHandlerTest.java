package io.wrongodb.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.wrongodb.command.ClientConnection;
import io.wrongodb.command.Command;
import io.wrongodb.command.CommandDispatcher;
import io.wrongodb.command.CommandMetrics;
import io.wrongodb.command.CommandRegistry;
import io.wrongodb.command.CommandRequest;
import io.wrongodb.command.HelloCommand;
import io.wrongodb.command.PingCommand;
import io.wrongodb.command.ServerVersion;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.repl.NodeRole;
import io.wrongodb.repl.ReplicaSetView;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.bson.BsonArray;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WireRequestHandlerTest {
    private static final int OP_REPLY_DOCUMENT_OFFSET = 36;

    private SimpleMeterRegistry meters;
    private WireRequestHandler handler;
    private ClientConnection client;

    /** A test-only command that answers with the command document it received, to observe what the handler built. */
    private static final class EchoCommand implements Command {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public BsonDocument run(CommandRequest request) {
            return new BsonDocument("command", request.body().clone())
                    .append("database", new BsonString(request.database()));
        }
    }

    @BeforeEach
    void setUp() {
        meters = new SimpleMeterRegistry();
        CommandDispatcher dispatcher = new CommandDispatcher(
                CommandRegistry.of(List.of(
                        new PingCommand(),
                        new HelloCommand(() -> new ReplicaSetView(
                                NodeRole.PRIMARY, Optional.empty(), "localhost:1", Optional.empty())),
                        new EchoCommand())),
                new CommandMetrics(meters));
        handler = new WireRequestHandler(dispatcher);
        client = new ClientConnection(7, "127.0.0.1:5000");
    }

    // --- OP_MSG ------------------------------------------------------------------------------------------------

    @Test
    void pingOverOpMsgRepliesOkInAnOpMsgAnsweringTheRequest() {
        Buffer request = opMsg(
                1234,
                0,
                bodySection(new BsonDocument("ping", new BsonInt32(1)).append("$db", new BsonString("admin"))));

        Buffer reply = handler.handle(request, client);

        MessageHeader header = MessageHeader.read(reply);
        assertThat(header.opCode()).isEqualTo(OpCode.OP_MSG);
        assertThat(header.responseTo()).isEqualTo(1234);
        assertThat(header.messageLength()).isEqualTo(reply.length());
        OpMsg decoded = OpMsg.decode(reply);
        assertThat(decoded.moreToCome()).isFalse();
        assertThat(decoded.sequences()).isEmpty();
        assertThat(decoded.body()).isEqualTo(new BsonDocument("ok", new BsonDouble(1.0)));
    }

    @Test
    void eachReplyGetsItsOwnRequestId() {
        BsonDocument ping = new BsonDocument("ping", new BsonInt32(1)).append("$db", new BsonString("admin"));

        Buffer first = handler.handle(opMsg(1, 0, bodySection(ping)), client);
        Buffer second = handler.handle(opMsg(2, 0, bodySection(ping)), client);

        assertThat(MessageHeader.read(first).responseTo()).isEqualTo(1);
        assertThat(MessageHeader.read(second).responseTo()).isEqualTo(2);
        assertThat(MessageHeader.read(second).requestId())
                .isNotEqualTo(MessageHeader.read(first).requestId());
    }

    @Test
    void opMsgWithoutDbIsRefusedWith40571() {
        Buffer reply = handler.handle(opMsg(5, 0, bodySection(new BsonDocument("ping", new BsonInt32(1)))), client);

        BsonDocument body = opMsgReplyBody(reply, 5);
        assertThat(body.getDouble("ok").getValue()).isZero();
        assertThat(body.getInt32("code").getValue()).isEqualTo(40571);
        assertThat(body.getString("codeName").getValue()).isEqualTo("Location40571");
    }

    @Test
    void opMsgWithANonStringDbIsRefusedWith40571() {
        Buffer reply = handler.handle(
                opMsg(5, 0, bodySection(new BsonDocument("ping", new BsonInt32(1)).append("$db", new BsonInt32(3)))),
                client);

        assertThat(opMsgReplyBody(reply, 5).getInt32("code").getValue()).isEqualTo(40571);
    }

    @Test
    void unknownCommandIsCommandNotFound() {
        Buffer reply = handler.handle(
                opMsg(6, 0, bodySection(new BsonDocument("nope", new BsonInt32(1)).append("$db", new BsonString("x")))),
                client);

        BsonDocument body = opMsgReplyBody(reply, 6);
        assertThat(body.getDouble("ok").getValue()).isZero();
        assertThat(body.getInt32("code").getValue()).isEqualTo(59);
        assertThat(body.getString("codeName").getValue()).isEqualTo("CommandNotFound");
        assertThat(body.getString("errmsg").getValue()).isEqualTo("no such command: 'nope'");
    }

    @Test
    void moreToComeRunsTheCommandButSendsNoReply() {
        Buffer request = opMsg(
                8,
                OpMsg.MORE_TO_COME,
                bodySection(new BsonDocument("ping", new BsonInt32(1)).append("$db", new BsonString("admin"))));

        Buffer reply = handler.handle(request, client);

        assertThat(reply).isNull();
        Counter executed = meters.find("wrongodb.commands")
                .tag("command", "ping")
                .tag("outcome", "ok")
                .counter();
        assertThat(executed).isNotNull();
        assertThat(executed.count()).isEqualTo(1.0);
    }

    @Test
    void documentSequencesAreMergedIntoTheCommandAsArrays() {
        BsonDocument first = new BsonDocument("_id", new BsonInt32(1));
        BsonDocument second = new BsonDocument("_id", new BsonInt32(2)).append("x", new BsonString("y"));
        BsonDocument update = new BsonDocument("q", new BsonDocument());
        Buffer request = opMsg(
                9,
                0,
                bodySection(new BsonDocument("echo", new BsonInt32(1)).append("$db", new BsonString("test"))),
                sequenceSection("documents", first, second),
                sequenceSection("updates", update));

        BsonDocument body = opMsgReplyBody(handler.handle(request, client), 9);

        assertThat(body.getDouble("ok").getValue()).isEqualTo(1.0);
        assertThat(body.getString("database").getValue()).isEqualTo("test");
        BsonDocument command = body.getDocument("command");
        assertThat(command.keySet()).containsExactly("echo", "$db", "documents", "updates");
        assertThat(command.getArray("documents")).isEqualTo(new BsonArray(List.of(first, second)));
        assertThat(command.getArray("updates")).isEqualTo(new BsonArray(List.of(update)));
    }

    @Test
    void sameFieldInBodyAndSequenceIsAProtocolError() {
        Buffer request = opMsg(
                10,
                0,
                bodySection(new BsonDocument("echo", new BsonInt32(1))
                        .append("documents", new BsonArray())
                        .append("$db", new BsonString("test"))),
                sequenceSection("documents", new BsonDocument("_id", new BsonInt32(1))));

        BsonDocument body = opMsgReplyBody(handler.handle(request, client), 10);

        assertThat(body.getDouble("ok").getValue()).isZero();
        assertThat(body.getInt32("code").getValue()).isEqualTo(17);
        assertThat(body.getString("codeName").getValue()).isEqualTo("ProtocolError");
        assertThat(body.containsKey("command"))
                .as("the command must not have run")
                .isFalse();
    }

    @Test
    void badChecksumClosesTheConnectionInsteadOfReplying() {
        Buffer request = withChecksum(opMsg(
                11,
                OpMsg.CHECKSUM_PRESENT,
                bodySection(new BsonDocument("ping", new BsonInt32(1)).append("$db", new BsonString("admin")))));
        request.setIntLE(request.length() - 4, request.getIntLE(request.length() - 4) ^ 1);

        assertThatThrownBy(() -> handler.handle(request, client))
                .isInstanceOfSatisfying(WireProtocolException.class, e -> {
                    assertThat(e.fatal()).isTrue();
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH);
                });
    }

    @Test
    void validChecksumIsAccepted() {
        Buffer request = withChecksum(opMsg(
                12,
                OpMsg.CHECKSUM_PRESENT,
                bodySection(new BsonDocument("ping", new BsonInt32(1)).append("$db", new BsonString("admin")))));

        BsonDocument body = opMsgReplyBody(handler.handle(request, client), 12);

        assertThat(body).isEqualTo(new BsonDocument("ok", new BsonDouble(1.0)));
    }

    @Test
    void unknownRequiredFlagClosesTheConnection() {
        Buffer request = opMsg(
                13,
                1 << 5,
                bodySection(new BsonDocument("ping", new BsonInt32(1)).append("$db", new BsonString("admin"))));

        assertThatThrownBy(() -> handler.handle(request, client))
                .isInstanceOfSatisfying(WireProtocolException.class, e -> {
                    assertThat(e.fatal()).isTrue();
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.ILLEGAL_OP_MSG_FLAG);
                });
    }

    @Test
    void invalidBsonBodyGetsAnErrorReplyNotAThrow() {
        byte[] document = bson(new BsonDocument("ping", new BsonInt32(1)).append("$db", new BsonString("admin")));
        document[4] = 0x7A; // type byte of the first element
        Buffer request = opMsg(14, 0, Buffer.buffer().appendByte((byte) 0).appendBytes(document));

        BsonDocument body = opMsgReplyBody(handler.handle(request, client), 14);

        assertThat(body.getDouble("ok").getValue()).isZero();
        assertThat(body.getInt32("code").getValue()).isEqualTo(22);
        assertThat(body.getString("codeName").getValue()).isEqualTo("InvalidBSON");
    }

    @Test
    void nonFatalFramingErrorGetsAProtocolErrorReply() {
        BsonDocument ping = new BsonDocument("ping", new BsonInt32(1)).append("$db", new BsonString("admin"));
        Buffer request = opMsg(15, 0, bodySection(ping), bodySection(ping));

        BsonDocument body = opMsgReplyBody(handler.handle(request, client), 15);

        assertThat(body.getDouble("ok").getValue()).isZero();
        assertThat(body.getInt32("code").getValue()).isEqualTo(17);
    }

    // --- OP_QUERY ----------------------------------------------------------------------------------------------

    @Test
    void isMasterOverOpQueryGetsAnOpReply() {
        Buffer request = opQuery(
                21, "admin.$cmd", new BsonDocument("isMaster", new BsonInt32(1)).append("helloOk", BsonBoolean.TRUE));

        BsonDocument reply = opReplyDocument(handler.handle(request, client), 21);

        assertThat(reply.getBoolean("ismaster").getValue()).isTrue();
        assertThat(reply.getBoolean("helloOk").getValue()).isTrue();
        assertThat(reply.getInt32("maxWireVersion").getValue()).isEqualTo(21).isEqualTo(ServerVersion.MAX_WIRE_VERSION);
        assertThat(reply.get("connectionId").asNumber().longValue()).isEqualTo(7L);
        assertThat(reply.get("ok").asNumber().doubleValue()).isEqualTo(1.0);
    }

    @Test
    void wrappedHelloOverOpQueryWorks() {
        Buffer request = opQuery(
                22,
                "admin.$cmd",
                new BsonDocument("$query", new BsonDocument("hello", new BsonInt32(1)))
                        .append("$readPreference", new BsonDocument("mode", new BsonString("primaryPreferred"))));

        BsonDocument reply = opReplyDocument(handler.handle(request, client), 22);

        assertThat(reply.get("ok").asNumber().doubleValue()).isEqualTo(1.0);
        assertThat(reply.getBoolean("isWritablePrimary").getValue()).isTrue();
        assertThat(reply.containsKey("ismaster")).isFalse();
        assertThat(reply.get("connectionId").asNumber().longValue()).isEqualTo(7L);
    }

    @Test
    void pingOverOpQueryIsUnsupported() {
        Buffer request = opQuery(23, "admin.$cmd", new BsonDocument("ping", new BsonInt32(1)));

        BsonDocument reply = opReplyDocument(handler.handle(request, client), 23);

        assertThat(reply.get("ok").asNumber().doubleValue()).isZero();
        assertThat(reply.getInt32("code").getValue()).isEqualTo(352);
        assertThat(reply.getString("codeName").getValue()).isEqualTo("UnsupportedOpQueryCommand");
        assertThat(meters.find("wrongodb.commands").counters())
                .as("the command must not reach the dispatcher")
                .isEmpty();
    }

    @Test
    void opQueryOnACollectionIsUnsupported() {
        Buffer request = opQuery(24, "test.coll", new BsonDocument("isMaster", new BsonInt32(1)));

        BsonDocument reply = opReplyDocument(handler.handle(request, client), 24);

        assertThat(reply.get("ok").asNumber().doubleValue()).isZero();
        assertThat(reply.getInt32("code").getValue()).isEqualTo(352);
    }

    // --- OP_COMPRESSED and unknown opCodes ----------------------------------------------------------------------

    @Test
    void compressedOpMsgIsRefusedInAnOpMsg() {
        Buffer reply = handler.handle(opCompressed(31, OpCode.OP_MSG), client);

        BsonDocument body = opMsgReplyBody(reply, 31);
        assertThat(body.getDouble("ok").getValue()).isZero();
        assertThat(body.getInt32("code").getValue()).isEqualTo(17);
        assertThat(body.getString("codeName").getValue()).isEqualTo("ProtocolError");
    }

    @Test
    void compressedOpQueryIsRefusedInAnOpReply() {
        BsonDocument reply = opReplyDocument(handler.handle(opCompressed(32, OpCode.OP_QUERY), client), 32);

        assertThat(reply.get("ok").asNumber().doubleValue()).isZero();
        assertThat(reply.getInt32("code").getValue()).isEqualTo(17);
    }

    @Test
    void unknownOpCodeIsFatal() {
        Buffer request = frame(9999, 41, Buffer.buffer().appendIntLE(0).appendBytes(bson(new BsonDocument())));

        assertThatThrownBy(() -> handler.handle(request, client))
                .isInstanceOfSatisfying(WireProtocolException.class, e -> {
                    assertThat(e.fatal()).isTrue();
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
                });
    }

    @Test
    void opReplySentByAClientIsFatal() {
        Buffer request = new OpReply(new BsonDocument("ok", new BsonDouble(1))).encode(42, 0);
        assertThat(MessageHeader.read(request).opCode()).isEqualTo(OpCode.OP_REPLY);

        assertThatThrownBy(() -> handler.handle(request, client))
                .isInstanceOfSatisfying(
                        WireProtocolException.class, e -> assertThat(e.fatal()).isTrue());
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    /** Checks the reply is an OP_MSG answering {@code requestId} and returns its body. */
    private static BsonDocument opMsgReplyBody(Buffer reply, int requestId) {
        assertThat(reply).isNotNull();
        MessageHeader header = MessageHeader.read(reply);
        assertThat(header.opCode()).isEqualTo(OpCode.OP_MSG);
        assertThat(header.responseTo()).isEqualTo(requestId);
        assertThat(header.messageLength()).isEqualTo(reply.length());
        return OpMsg.decode(reply).body();
    }

    /** Parses an OP_REPLY by hand, per the table in {@link OpReply}, and returns its single document. */
    private static BsonDocument opReplyDocument(Buffer reply, int requestId) {
        assertThat(reply).isNotNull();
        MessageHeader header = MessageHeader.read(reply);
        assertThat(header.opCode()).isEqualTo(OpCode.OP_REPLY);
        assertThat(header.responseTo()).isEqualTo(requestId);
        assertThat(header.messageLength()).isEqualTo(reply.length());
        int responseFlags = reply.getIntLE(16);
        assertThat(responseFlags & OpReply.AWAIT_CAPABLE).isEqualTo(OpReply.AWAIT_CAPABLE);
        assertThat(reply.getLongLE(20)).as("cursorID").isZero();
        assertThat(reply.getIntLE(28)).as("startingFrom").isZero();
        assertThat(reply.getIntLE(32)).as("numberReturned").isEqualTo(1);
        int documentLength = reply.getIntLE(OP_REPLY_DOCUMENT_OFFSET);
        assertThat(OP_REPLY_DOCUMENT_OFFSET + documentLength).isEqualTo(reply.length());
        byte[] bytes = reply.getBytes(OP_REPLY_DOCUMENT_OFFSET, reply.length());
        try (BsonBinaryReader reader = new BsonBinaryReader(ByteBuffer.wrap(bytes))) {
            return new BsonDocumentCodec()
                    .decode(reader, DecoderContext.builder().build());
        }
    }

    private static byte[] bson(BsonDocument document) {
        BasicOutputBuffer out = new BasicOutputBuffer();
        try (BsonBinaryWriter writer = new BsonBinaryWriter(out)) {
            new BsonDocumentCodec()
                    .encode(writer, document, EncoderContext.builder().build());
        }
        return out.toByteArray();
    }

    /** A whole message: 16-byte header (length patched in) followed by {@code payload}. */
    private static Buffer frame(int opCode, int requestId, Buffer payload) {
        Buffer message = Buffer.buffer()
                .appendIntLE(0)
                .appendIntLE(requestId)
                .appendIntLE(0)
                .appendIntLE(opCode)
                .appendBuffer(payload);
        message.setIntLE(0, message.length());
        return message;
    }

    private static Buffer opMsg(int requestId, int flagBits, Buffer... sections) {
        Buffer payload = Buffer.buffer().appendIntLE(flagBits);
        for (Buffer section : sections) {
            payload.appendBuffer(section);
        }
        return frame(OpCode.OP_MSG, requestId, payload);
    }

    private static Buffer bodySection(BsonDocument body) {
        return Buffer.buffer().appendByte((byte) 0).appendBytes(bson(body));
    }

    private static Buffer sequenceSection(String identifier, BsonDocument... documents) {
        Buffer content = Buffer.buffer()
                .appendBytes(identifier.getBytes(StandardCharsets.UTF_8))
                .appendByte((byte) 0);
        for (BsonDocument document : documents) {
            content.appendBytes(bson(document));
        }
        return Buffer.buffer()
                .appendByte((byte) 1)
                .appendIntLE(4 + content.length())
                .appendBuffer(content);
    }

    private static Buffer withChecksum(Buffer message) {
        message.appendIntLE(0);
        message.setIntLE(0, message.length());
        CRC32C crc = new CRC32C();
        crc.update(message.getBytes(0, message.length() - 4));
        message.setIntLE(message.length() - 4, (int) crc.getValue());
        return message;
    }

    private static Buffer opQuery(int requestId, String fullCollectionName, BsonDocument query) {
        Buffer payload = Buffer.buffer()
                .appendIntLE(0)
                .appendBytes(fullCollectionName.getBytes(StandardCharsets.UTF_8))
                .appendByte((byte) 0)
                .appendIntLE(0)
                .appendIntLE(-1)
                .appendBytes(bson(query));
        return frame(OpCode.OP_QUERY, requestId, payload);
    }

    /** OP_COMPRESSED: originalOpcode, uncompressedSize, compressorId (1 = snappy), then the compressed bytes. */
    private static Buffer opCompressed(int requestId, int originalOpCode) {
        byte[] junk = {1, 2, 3, 4, 5, 6, 7, 8};
        Buffer payload = Buffer.buffer()
                .appendIntLE(originalOpCode)
                .appendIntLE(64)
                .appendByte((byte) 1)
                .appendBytes(junk);
        return frame(OpCode.OP_COMPRESSED, requestId, payload);
    }
}
