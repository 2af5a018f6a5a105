package io.wrongodb.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.wrongodb.server.Node;
import io.wrongodb.server.NodeConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sends malformed wire messages to a real node over raw sockets and checks that each one costs at most its own
 * connection: the server answers or closes as the wire format requires, and keeps serving everyone else.
 *
 * <p>After every test the raw sockets are closed, {@code wrongodb.connections.open} must drop back to 0, and the
 * official driver must still be able to ping the node.
 */
class MalformedMessageTest {
    private static final int TIMEOUT_MS = 5_000;
    private static final long POLL_INTERVAL_MS = 20;
    /** How long a thing that must not happen is watched for; the server does it within milliseconds when it does. */
    private static final long QUIET_PERIOD_MS = 500;

    /** Numbers from the MongoDB wire format, written out here rather than taken from the code under test. */
    private static final int HEADER_SIZE = 16;

    private static final int OP_COMPRESSED = 2012;
    private static final int OP_MSG = 2013;
    private static final int CHECKSUM_PRESENT = 1;
    private static final int MAX_MESSAGE_SIZE = 48_000_000;
    private static final int PROTOCOL_ERROR = 17;
    private static final int INVALID_BSON = 22;

    private static final BsonDocumentCodec CODEC = new BsonDocumentCodec();
    private static final AtomicInteger NEXT_REQUEST_ID = new AtomicInteger(1_000);

    @TempDir
    static Path dataDir;

    private static Vertx vertx;
    private static SimpleMeterRegistry registry;
    private static Node node;

    private final List<Socket> sockets = new ArrayList<>();

    @BeforeAll
    static void startNode() {
        vertx = Vertx.vertx();
        registry = new SimpleMeterRegistry();
        node = Node.start(NodeConfig.primary(dataDir), vertx, registry);
    }

    @AfterAll
    static void stopNode() throws Exception {
        try {
            if (node != null) {
                node.close();
            }
        } finally {
            if (vertx != null) {
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Whatever the test sent, the server must have let go of every raw socket and still serve the driver. */
    @AfterEach
    void serverStillServesTheDriver() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
        awaitOpenConnections(0);

        try (MongoClient client = MongoClients.create(
                "mongodb://127.0.0.1:" + node.port() + "/?directConnection=true&serverSelectionTimeoutMS=5000")) {
            Document reply = client.getDatabase("admin").runCommand(new Document("ping", 1));
            assertThat(reply.get("ok")).isEqualTo(1.0);
        }
        awaitOpenConnections(0);
    }

    @Test
    void garbageWithAnInvalidLengthClosesTheConnection() throws IOException {
        byte[] garbage = new byte[64];
        new Random(0x5EED_0001L).nextBytes(garbage);
        int declaredLength =
                ByteBuffer.wrap(garbage).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        assertThat(declaredLength < HEADER_SIZE || declaredLength > MAX_MESSAGE_SIZE)
                .as(
                        "the fixed seed must give a first int32 outside %d..%d, got %d",
                        HEADER_SIZE, MAX_MESSAGE_SIZE, declaredLength)
                .isTrue();
        double rejectedBefore = rejected();

        Socket socket = connect();
        socket.getOutputStream().write(garbage);
        socket.getOutputStream().flush();

        assertClosedByServer(socket);
        awaitRejected(rejectedBefore + 1);
    }

    /**
     * Only the 16-byte header is sent: a server that believed 48,000,001 or any other impossible length would wait
     * for the rest and the read would time out instead of seeing the connection close.
     */
    @ParameterizedTest(name = "messageLength {0}")
    @ValueSource(ints = {48_000_001, Integer.MAX_VALUE, -1, Integer.MIN_VALUE, 0, 4, 15})
    void impossibleMessageLengthClosesTheConnection(int messageLength) throws IOException {
        double rejectedBefore = rejected();
        Socket socket = connect();
        socket.getOutputStream().write(header(messageLength, nextRequestId(), 0, OP_MSG));
        socket.getOutputStream().flush();

        assertClosedByServer(socket);
        awaitRejected(rejectedBefore + 1);
    }

    /** The boundary next to 15: a bare 16-byte header is framed, and refused by OP_MSG decoding, not by framing. */
    @Test
    void bareHeaderOfSixteenBytesIsFramedAndAnsweredWithAnError() throws IOException {
        double rejectedBefore = rejected();
        Socket socket = connect();
        int requestId = nextRequestId();
        send(socket, header(HEADER_SIZE, requestId, 0, OP_MSG));

        Reply reply = readOpMsgReply(socket);
        assertThat(reply.responseTo()).isEqualTo(requestId);
        assertThat(reply.body().get("ok")).isEqualTo(new BsonDouble(0));
        assertThat(reply.body().get("code")).isEqualTo(new BsonInt32(PROTOCOL_ERROR));

        assertPingAnswered(socket);
        assertThat(rejected()).isEqualTo(rejectedBefore);
    }

    @Test
    void truncatedFrameFollowedByEndOfStreamDoesNotHurtTheServer() throws IOException {
        Socket socket = connect();
        byte[] partial = new byte[50];
        new Random(0x5EED_0002L).nextBytes(partial);
        OutputStream out = socket.getOutputStream();
        out.write(header(200, nextRequestId(), 0, OP_MSG));
        out.write(partial);
        out.flush();
        socket.shutdownOutput();

        assertClosedByServer(socket);

        Socket fresh = connect();
        assertPingAnswered(fresh);
    }

    /**
     * A client that dies mid-message must not have the part that arrived executed: here the first bytes of a
     * 200-byte frame happen to hold a complete {@code whatsmyuri}, which must still be discarded. A command nothing
     * else sends is used so that {@code wrongodb.commands} shows whether it ran.
     */
    @Test
    void truncatedFrameIsNeverExecuted() throws IOException {
        byte[] sections = concat(
                bytes(0),
                bson(new BsonDocument("whatsmyuri", new BsonInt32(1)).append("$db", new BsonString("admin"))));
        byte[] prefix = concat(le(0), sections);
        assertThat(HEADER_SIZE + prefix.length).isLessThan(200);
        double executedBefore = commandsOk("whatsmyuri");

        Socket socket = connect();
        OutputStream out = socket.getOutputStream();
        out.write(header(200, nextRequestId(), 0, OP_MSG));
        out.write(prefix);
        out.flush();
        socket.shutdownOutput();
        assertClosedByServer(socket);
        assertStaysAt(() -> "wrongodb.commands{command=whatsmyuri}", () -> commandsOk("whatsmyuri"), executedBefore);

        // Control: the same command in a complete frame is counted, so the meter above could have moved.
        Socket fresh = connect();
        int requestId = nextRequestId();
        send(fresh, opMsg(requestId, 0, sections));
        Reply reply = readOpMsgReply(fresh);
        assertThat(reply.responseTo()).isEqualTo(requestId);
        assertThat(reply.body().get("ok")).isEqualTo(new BsonDouble(1));
        assertThat(commandsOk("whatsmyuri")).isEqualTo(executedBefore + 1);
    }

    /** A client hanging up inside a header is ordinary; it must not show up as an error in the server's log. */
    @ParameterizedTest(name = "{0} bytes then end of stream")
    @ValueSource(ints = {1, 2, 3, 5, 15})
    void endOfStreamInsideTheHeaderLogsNoError(int sent) throws IOException {
        List<LogRecord> errors = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()
                        && (logger.startsWith("io.vertx") || logger.startsWith("io.wrongodb"))) {
                    errors.add(record);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            Socket socket = connect();
            socket.getOutputStream().write(ping(nextRequestId()), 0, sent);
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            assertClosedByServer(socket);
            assertStaysAt(() -> "error log records: " + describe(errors), errors::size, 0);
        } finally {
            root.removeHandler(capture);
        }
        assertThat(errors).as(() -> describe(errors)).isEmpty();
    }

    @ParameterizedTest(name = "{0} bytes then end of stream")
    @ValueSource(ints = {1, 2, 3, 4, 5, 16})
    void endOfStreamInsideTheHeaderDoesNotHurtTheServer(int sent) throws IOException {
        Socket socket = connect();
        byte[] message = ping(nextRequestId());
        socket.getOutputStream().write(message, 0, sent);
        socket.getOutputStream().flush();
        socket.shutdownOutput();

        assertClosedByServer(socket);
        assertPingAnswered(connect());
    }

    static Stream<Arguments> invalidBsonBodies() {
        return Stream.of(
                Arguments.of("unknown element type 0x20", bytes(0x0C, 0, 0, 0, 0x20, 'x', 0, 0x01, 0, 0, 0, 0)),
                Arguments.of(
                        "string length runs past the document",
                        bytes(0x0F, 0, 0, 0, 0x02, 's', 0, 0x64, 0, 0, 0, 'h', 'i', 0, 0)),
                Arguments.of(
                        "non-positive string length", bytes(0x0F, 0, 0, 0, 0x02, 's', 0, 0, 0, 0, 0, 'h', 'i', 0, 0)),
                Arguments.of("element value cut off by the document end", bytes(0x07, 0, 0, 0, 0x08, 'b', 0)),
                Arguments.of("declared length longer than the content", bytes(0x08, 0, 0, 0, 0, 0, 0, 0)),
                Arguments.of("declared length longer than the message", bytes(0xE8, 0x03, 0, 0, 0)),
                Arguments.of("declared length shorter than an empty document", bytes(0x03, 0, 0, 0, 0)),
                Arguments.of("fewer than five bytes left for the body", bytes(0x05, 0, 0, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBsonBodies")
    void invalidBsonBodyGetsInvalidBsonReplyAndTheConnectionGoesOn(String description, byte[] body) throws IOException {
        double rejectedBefore = rejected();
        Socket socket = connect();
        int requestId = nextRequestId();
        send(socket, opMsg(requestId, 0, concat(bytes(0), body)));

        Reply reply = readOpMsgReply(socket);
        assertThat(reply.responseTo()).isEqualTo(requestId);
        assertThat(reply.body().get("ok")).isEqualTo(new BsonDouble(0));
        assertThat(reply.body().get("code")).isEqualTo(new BsonInt32(INVALID_BSON));
        assertThat(reply.body().get("codeName")).isEqualTo(new BsonString("InvalidBSON"));

        assertPingAnswered(socket);
        assertThat(rejected()).isEqualTo(rejectedBefore);
    }

    @Test
    void wrongChecksumClosesTheConnection() throws IOException {
        Socket socket = connect();
        // Control: the same message with its true CRC-32C is answered, so only the checksum differs below.
        int goodId = nextRequestId();
        send(socket, withChecksum(pingSections(), goodId, false));
        Reply good = readOpMsgReply(socket);
        assertThat(good.responseTo()).isEqualTo(goodId);
        assertThat(good.body().get("ok")).isEqualTo(new BsonDouble(1));

        double rejectedBefore = rejected();
        send(socket, withChecksum(pingSections(), nextRequestId(), true));

        assertClosedByServer(socket);
        awaitRejected(rejectedBefore + 1);
    }

    @Test
    void unknownOpCodeClosesTheConnection() throws IOException {
        double rejectedBefore = rejected();
        Socket socket = connect();
        byte[] message = ping(nextRequestId());
        ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN).putInt(12, 9999);
        send(socket, message);

        assertClosedByServer(socket);
        awaitRejected(rejectedBefore + 1);
    }

    @Test
    void compressedMessageGetsAnErrorReplyAndTheConnectionGoesOn() throws IOException {
        double rejectedBefore = rejected();
        Socket socket = connect();
        byte[] original = concat(le(0), pingSections()); // OP_MSG without its header: flagBits then sections
        byte[] compressed = concat(le(OP_MSG), le(original.length), bytes(0), original); // compressorId 0: noop
        int requestId = nextRequestId();
        send(socket, concat(header(HEADER_SIZE + compressed.length, requestId, 0, OP_COMPRESSED), compressed));

        Reply reply = readOpMsgReply(socket);
        assertThat(reply.responseTo()).isEqualTo(requestId);
        assertThat(reply.body().get("ok")).isEqualTo(new BsonDouble(0));
        assertThat(reply.body().get("code")).isEqualTo(new BsonInt32(PROTOCOL_ERROR));

        assertPingAnswered(socket);
        assertThat(rejected()).isEqualTo(rejectedBefore);
    }

    @Test
    void messageWrittenOneByteAtATimeIsAnswered() throws IOException {
        Socket socket = connect();
        socket.setTcpNoDelay(true);
        int requestId = nextRequestId();
        OutputStream out = socket.getOutputStream();
        for (byte b : ping(requestId)) {
            out.write(b);
            out.flush();
        }

        Reply reply = readOpMsgReply(socket);
        assertThat(reply.responseTo()).isEqualTo(requestId);
        assertThat(reply.body().get("ok")).isEqualTo(new BsonDouble(1));
    }

    @Test
    void twoMessagesInOneWriteAreAnsweredInOrder() throws IOException {
        Socket socket = connect();
        int firstId = nextRequestId();
        int secondId = nextRequestId();
        send(socket, concat(ping(firstId), ping(secondId)));

        Reply first = readOpMsgReply(socket);
        Reply second = readOpMsgReply(socket);
        assertThat(first.responseTo()).isEqualTo(firstId);
        assertThat(second.responseTo()).isEqualTo(secondId);
        assertThat(first.body().get("ok")).isEqualTo(new BsonDouble(1));
        assertThat(second.body().get("ok")).isEqualTo(new BsonDouble(1));
        assertThat(second.requestId()).isNotEqualTo(first.requestId());
    }

    /** A pipelined bad frame must not swallow the answer to the good message written before it. */
    @Test
    void validMessageFollowedByBadFrameIsAnsweredBeforeTheClose() throws IOException {
        double rejectedBefore = rejected();
        Socket socket = connect();
        int requestId = nextRequestId();
        send(socket, concat(ping(requestId), header(15, nextRequestId(), 0, OP_MSG)));

        Reply reply = readOpMsgReply(socket);
        assertThat(reply.responseTo()).isEqualTo(requestId);
        assertThat(reply.body().get("ok")).isEqualTo(new BsonDouble(1));
        assertClosedByServer(socket);
        awaitRejected(rejectedBefore + 1);
    }

    private static String describe(List<LogRecord> records) {
        StringBuilder out = new StringBuilder();
        for (LogRecord record : records) {
            out.append("\n  ")
                    .append(record.getLevel())
                    .append(' ')
                    .append(record.getLoggerName())
                    .append(": ")
                    .append(record.getMessage());
            if (record.getThrown() != null) {
                out.append(" (").append(record.getThrown()).append(')');
            }
        }
        return out.toString();
    }

    // ---- raw socket helpers -------------------------------------------------------------------------------------

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.connect(new InetSocketAddress("127.0.0.1", node.port()), TIMEOUT_MS);
        socket.setSoTimeout(TIMEOUT_MS);
        return socket;
    }

    private static void send(Socket socket, byte[] message) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(message);
        out.flush();
    }

    /** The server must close (end of stream, or a reset when it left bytes unread) without sending anything. */
    private static void assertClosedByServer(Socket socket) throws IOException {
        long start = System.nanoTime();
        int read;
        try {
            read = socket.getInputStream().read();
        } catch (SocketTimeoutException e) {
            fail("the server kept the connection open for %d ms", TIMEOUT_MS);
            return;
        } catch (SocketException e) {
            read = -1; // connection reset: closed with our bytes still unread, also a close
        }
        assertThat(read)
                .as("the server should close the connection, not send data")
                .isEqualTo(-1);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(TIMEOUT_MS);
    }

    private static void assertPingAnswered(Socket socket) throws IOException {
        int requestId = nextRequestId();
        send(socket, ping(requestId));
        Reply reply = readOpMsgReply(socket);
        assertThat(reply.responseTo()).isEqualTo(requestId);
        assertThat(reply.body().get("ok")).isEqualTo(new BsonDouble(1));
    }

    private record Reply(int requestId, int responseTo, BsonDocument body) {}

    private static Reply readOpMsgReply(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteBuffer header = ByteBuffer.wrap(readFully(in, HEADER_SIZE)).order(ByteOrder.LITTLE_ENDIAN);
        int length = header.getInt(0);
        int requestId = header.getInt(4);
        int responseTo = header.getInt(8);
        int opCode = header.getInt(12);
        assertThat(opCode).as("reply opCode").isEqualTo(OP_MSG);
        assertThat(length).as("reply messageLength").isBetween(HEADER_SIZE + 4 + 1 + 5, MAX_MESSAGE_SIZE);

        ByteBuffer rest = ByteBuffer.wrap(readFully(in, length - HEADER_SIZE)).order(ByteOrder.LITTLE_ENDIAN);
        int flagBits = rest.getInt();
        assertThat(flagBits & CHECKSUM_PRESENT).as("reply flagBits").isZero();
        assertThat(rest.get()).as("reply section kind").isEqualTo((byte) 0);
        ByteBuffer bson = rest.slice().order(ByteOrder.LITTLE_ENDIAN);
        try (BsonBinaryReader reader = new BsonBinaryReader(bson)) {
            BsonDocument body = CODEC.decode(reader, DecoderContext.builder().build());
            assertThat(reader.getBsonInput().getPosition())
                    .as("the body should fill the reply")
                    .isEqualTo(bson.limit());
            return new Reply(requestId, responseTo, body);
        }
    }

    private static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            fail("the server closed the connection after %d of %d expected bytes", bytes.length, length);
        }
        return bytes;
    }

    // ---- message builders ---------------------------------------------------------------------------------------

    private static int nextRequestId() {
        return NEXT_REQUEST_ID.incrementAndGet();
    }

    private static byte[] header(int messageLength, int requestId, int responseTo, int opCode) {
        return ByteBuffer.allocate(HEADER_SIZE)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(messageLength)
                .putInt(requestId)
                .putInt(responseTo)
                .putInt(opCode)
                .array();
    }

    /** An OP_MSG with the given flagBits and raw section bytes. */
    private static byte[] opMsg(int requestId, int flagBits, byte[] sections) {
        byte[] payload = concat(le(flagBits), sections);
        return concat(header(HEADER_SIZE + payload.length, requestId, 0, OP_MSG), payload);
    }

    /** The kind-0 section of {@code {ping: 1, $db: "admin"}}. */
    private static byte[] pingSections() {
        BsonDocument ping = new BsonDocument("ping", new BsonInt32(1)).append("$db", new BsonString("admin"));
        return concat(bytes(0), bson(ping));
    }

    private static byte[] ping(int requestId) {
        return opMsg(requestId, 0, pingSections());
    }

    /** An OP_MSG with checksumPresent and a CRC-32C of everything before it, deliberately wrong if asked. */
    private static byte[] withChecksum(byte[] sections, int requestId, boolean corrupt) {
        byte[] payload = concat(le(CHECKSUM_PRESENT), sections);
        byte[] unsigned = concat(header(HEADER_SIZE + payload.length + 4, requestId, 0, OP_MSG), payload);
        CRC32C crc = new CRC32C();
        crc.update(unsigned);
        int checksum = (int) crc.getValue();
        return concat(unsigned, le(corrupt ? checksum ^ 0x0000_0100 : checksum));
    }

    private static byte[] bson(BsonDocument document) {
        BasicOutputBuffer buffer = new BasicOutputBuffer();
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            CODEC.encode(writer, document, EncoderContext.builder().build());
        }
        return buffer.toByteArray();
    }

    private static byte[] le(int value) {
        return ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(value)
                .array();
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    // ---- meters -------------------------------------------------------------------------------------------------

    private static double rejected() {
        return registry.get("wrongodb.wire.rejected").counter().count();
    }

    private static double openConnections() {
        return registry.get("wrongodb.connections.open").gauge().value();
    }

    private static double commandsOk(String command) {
        Counter counter = registry.find("wrongodb.commands")
                .tag("command", command)
                .tag("outcome", "ok")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static void awaitRejected(double expected) {
        awaitValue("wrongodb.wire.rejected", MalformedMessageTest::rejected, expected);
    }

    private static void awaitOpenConnections(double expected) {
        awaitValue("wrongodb.connections.open", MalformedMessageTest::openConnections, expected);
    }

    /** Checks for a short while that something which should not happen does not: fails as soon as it does. */
    private static void assertStaysAt(Supplier<String> what, DoubleSupplier value, double expected) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(QUIET_PERIOD_MS);
        do {
            assertThat(value.getAsDouble()).as(what).isEqualTo(expected);
            try {
                Thread.sleep(POLL_INTERVAL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while watching " + what.get());
            }
        } while (System.nanoTime() < deadline);
        assertThat(value.getAsDouble()).as(what).isEqualTo(expected);
    }

    /** Polls a meter for up to the timeout; the final assertion reports the last value seen. */
    private static void awaitValue(String meter, DoubleSupplier value, double expected) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (value.getAsDouble() != expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_INTERVAL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for " + meter);
            }
        }
        assertThat(value.getAsDouble()).as(meter).isEqualTo(expected);
    }
}
