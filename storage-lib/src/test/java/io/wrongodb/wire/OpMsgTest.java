package io.wrongodb.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.wrongodb.command.ServerLimits;
import io.wrongodb.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBinaryWriter;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpMsgTest {
    private static final int FLAG_BITS_OFFSET = MessageHeader.SIZE;
    private static final byte KIND_BODY = 0;
    private static final byte KIND_SEQUENCE = 1;

    private static BsonDocument sampleBody() {
        return new BsonDocument("insert", new BsonString("users"))
                .append("ordered", BsonBoolean.TRUE)
                .append("n", new BsonInt32(5))
                .append("big", new BsonInt64(1L << 40))
                .append("ratio", new BsonDouble(0.25))
                .append("nested", new BsonDocument("a", new BsonArray(List.of(new BsonInt32(1), new BsonString("x")))))
                .append("$db", new BsonString("test"));
    }

    // --- round trips -------------------------------------------------------------------------------------------

    @Test
    void bodyRoundTripsThroughEncodeAndDecode() {
        BsonDocument body = sampleBody();

        Buffer encoded = OpMsg.of(body).encode(42, 7);
        OpMsg decoded = OpMsg.decode(encoded);

        MessageHeader header = MessageHeader.read(encoded);
        assertThat(header.requestId()).isEqualTo(42);
        assertThat(header.responseTo()).isEqualTo(7);
        assertThat(header.opCode()).isEqualTo(OpCode.OP_MSG);
        assertThat(decoded.flagBits()).isZero();
        assertThat(decoded.body()).isEqualTo(body);
        assertThat(decoded.body().keySet()).containsExactly("insert", "ordered", "n", "big", "ratio", "nested", "$db");
        assertThat(decoded.sequences()).isEmpty();
    }

    @Test
    void twoDocumentSequencesRoundTripWithIdentifiersDocumentsAndOrder() {
        List<BsonDocument> documents = List.of(
                new BsonDocument("_id", new BsonInt32(1)),
                new BsonDocument("_id", new BsonInt32(2)).append("name", new BsonString("b")),
                new BsonDocument("_id", new BsonInt32(3)));
        List<BsonDocument> updates = List.of(new BsonDocument("q", new BsonDocument())
                .append("u", new BsonDocument("$set", new BsonDocument("x", new BsonInt32(1)))));
        OpMsg original = new OpMsg(
                0,
                new BsonDocument("insert", new BsonString("c")).append("$db", new BsonString("test")),
                List.of(new DocumentSequence("documents", documents), new DocumentSequence("updates", updates)));

        OpMsg decoded = OpMsg.decode(original.encode(1, 0));

        assertThat(decoded.body()).isEqualTo(original.body());
        assertThat(decoded.sequences())
                .extracting(DocumentSequence::identifier)
                .containsExactly("documents", "updates");
        assertThat(decoded.sequences().get(0).documents()).containsExactlyElementsOf(documents);
        assertThat(decoded.sequences().get(1).documents()).containsExactlyElementsOf(updates);
        assertThat(decoded).isEqualTo(original);
    }

    @Test
    void encodedLengthFieldEqualsBufferLength() {
        OpMsg message = new OpMsg(
                0,
                sampleBody(),
                List.of(new DocumentSequence("documents", List.of(new BsonDocument("_id", new BsonInt32(1))))));

        Buffer encoded = message.encode(3, 0);

        assertThat(encoded.getIntLE(0)).isEqualTo(encoded.length());
        assertThat(MessageHeader.read(encoded).messageLength()).isEqualTo(encoded.length());
        // header + flagBits + kind byte + body + kind byte + sequence (size, "documents\0", one document)
        int expected = MessageHeader.SIZE
                + 4
                + 1
                + bson(sampleBody()).length
                + 1
                + 4
                + "documents".length()
                + 1
                + bson(new BsonDocument("_id", new BsonInt32(1))).length;
        assertThat(encoded.length()).isEqualTo(expected);
    }

    @Test
    void decodesAHandFramedMessageWithBodyAndSequence() {
        BsonDocument body = new BsonDocument("insert", new BsonString("c")).append("$db", new BsonString("db"));
        BsonDocument doc = new BsonDocument("_id", new BsonInt32(9));

        OpMsg decoded = OpMsg.decode(opMsg(0, sequenceSection("documents", doc), bodySection(body)));

        assertThat(decoded.body()).isEqualTo(body);
        assertThat(decoded.sequences()).containsExactly(new DocumentSequence("documents", List.of(doc)));
    }

    // --- checksum ----------------------------------------------------------------------------------------------

    @Test
    void messageEncodedWithChecksumPresentDecodes() {
        BsonDocument body = new BsonDocument("ping", new BsonInt32(1)).append("$db", new BsonString("admin"));

        Buffer encoded = new OpMsg(OpMsg.CHECKSUM_PRESENT, body, List.of()).encode(5, 0);

        assertThat(encoded.getIntLE(0)).isEqualTo(encoded.length());
        assertThat(encoded.getIntLE(FLAG_BITS_OFFSET) & OpMsg.CHECKSUM_PRESENT)
                .as("checksumPresent bit written on the wire")
                .isEqualTo(OpMsg.CHECKSUM_PRESENT);
        assertThat(encoded.getIntLE(encoded.length() - 4)).isEqualTo(crc32c(encoded, encoded.length() - 4));
        OpMsg decoded = OpMsg.decode(encoded);
        assertThat(decoded.body()).isEqualTo(body);
        assertThat(decoded.flagBits() & OpMsg.CHECKSUM_PRESENT).isEqualTo(OpMsg.CHECKSUM_PRESENT);
    }

    @Test
    void encodeWithChecksumPresentAppendsTheCrc32cOfEverythingBeforeIt() {
        Buffer encoded = new OpMsg(OpMsg.CHECKSUM_PRESENT, sampleBody(), List.of()).encode(5, 0);

        assertThat(encoded.getIntLE(0)).isEqualTo(encoded.length());
        assertThat(encoded.length()).isEqualTo(MessageHeader.SIZE + 4 + 1 + bson(sampleBody()).length + 4);
        assertThat(encoded.getIntLE(encoded.length() - 4)).isEqualTo(crc32c(encoded, encoded.length() - 4));
    }

    @Test
    void handFramedMessageWithAValidChecksumDecodes() {
        BsonDocument body = new BsonDocument("ping", new BsonInt32(1)).append("$db", new BsonString("admin"));
        Buffer message = withChecksum(opMsg(OpMsg.CHECKSUM_PRESENT, bodySection(body)));

        OpMsg decoded = OpMsg.decode(message);

        assertThat(decoded.body()).isEqualTo(body);
        assertThat(decoded.sequences()).isEmpty();
        assertThat(decoded.flagBits()).isEqualTo(OpMsg.CHECKSUM_PRESENT);
    }

    @Test
    void checksumIsNotMistakenForASectionWhenASequenceIsLast() {
        BsonDocument body = new BsonDocument("insert", new BsonString("c")).append("$db", new BsonString("db"));
        BsonDocument doc = new BsonDocument("_id", new BsonInt32(1));
        Buffer message =
                withChecksum(opMsg(OpMsg.CHECKSUM_PRESENT, bodySection(body), sequenceSection("documents", doc, doc)));

        OpMsg decoded = OpMsg.decode(message);

        assertThat(decoded.sequences()).containsExactly(new DocumentSequence("documents", List.of(doc, doc)));
    }

    @Test
    void flippingOneBodyByteMakesTheChecksumMismatchFatally() {
        BsonDocument body = new BsonDocument("ping", new BsonInt32(1)).append("$db", new BsonString("admin"));
        Buffer message = withChecksum(opMsg(OpMsg.CHECKSUM_PRESENT, bodySection(body)));
        int sentChecksum = message.getIntLE(message.length() - 4);
        // "admin" -> "bdmin": still valid BSON, so only the checksum can reject it
        int at = indexOf(message, "admin".getBytes(StandardCharsets.UTF_8));
        message.setByte(at, (byte) 'b');
        int tamperedCrc = crc32c(message, message.length() - 4);
        assertThat(tamperedCrc).isNotEqualTo(sentChecksum);

        assertThatThrownBy(() -> OpMsg.decode(message)).isInstanceOfSatisfying(WireProtocolException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH);
            assertThat(e.fatal()).isTrue();
            assertThat(e.getMessage())
                    .contains("computed 0x" + Integer.toHexString(tamperedCrc))
                    .contains("sent 0x" + Integer.toHexString(sentChecksum));
        });
    }

    @Test
    void wrongChecksumValueIsRejected() {
        BsonDocument body = new BsonDocument("ping", new BsonInt32(1)).append("$db", new BsonString("admin"));
        Buffer message = withChecksum(opMsg(OpMsg.CHECKSUM_PRESENT, bodySection(body)));
        message.setIntLE(message.length() - 4, message.getIntLE(message.length() - 4) + 1);

        assertRejected(message, ErrorCode.CHECKSUM_MISMATCH, true);
    }

    // --- flag bits ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {1 << 2, 1 << 5, 1 << 15})
    void unknownRequiredFlagBitIsFatal(int flag) {
        Buffer message = opMsg(flag, bodySection(new BsonDocument("ping", new BsonInt32(1))));

        assertRejected(message, ErrorCode.ILLEGAL_OP_MSG_FLAG, true);
    }

    @ParameterizedTest
    @ValueSource(ints = {1 << 16, 1 << 20, 1 << 31})
    void unknownOptionalFlagBitIsAccepted(int flag) {
        BsonDocument body = new BsonDocument("ping", new BsonInt32(1));

        OpMsg decoded = OpMsg.decode(opMsg(flag, bodySection(body)));

        assertThat(decoded.flagBits()).isEqualTo(flag);
        assertThat(decoded.body()).isEqualTo(body);
        assertThat(decoded.moreToCome()).isFalse();
    }

    @Test
    void moreToComeReflectsTheFlag() {
        BsonDocument body = new BsonDocument("ping", new BsonInt32(1));

        assertThat(OpMsg.decode(opMsg(OpMsg.MORE_TO_COME, bodySection(body))).moreToCome())
                .isTrue();
        assertThat(OpMsg.decode(opMsg(OpMsg.MORE_TO_COME | OpMsg.EXHAUST_ALLOWED, bodySection(body)))
                        .moreToCome())
                .isTrue();
        assertThat(OpMsg.decode(opMsg(0, bodySection(body))).moreToCome()).isFalse();
        assertThat(OpMsg.decode(opMsg(OpMsg.EXHAUST_ALLOWED, bodySection(body))).moreToCome())
                .isFalse();
        assertThat(new OpMsg(OpMsg.MORE_TO_COME, body, List.of()).moreToCome()).isTrue();
        assertThat(OpMsg.of(body).moreToCome()).isFalse();
    }

    // --- malformed sections ------------------------------------------------------------------------------------

    @Test
    void twoBodySectionsAreAProtocolError() {
        BsonDocument body = new BsonDocument("ping", new BsonInt32(1));

        assertRejected(opMsg(0, bodySection(body), bodySection(body)), ErrorCode.PROTOCOL_ERROR, false);
    }

    @Test
    void missingBodyIsAProtocolError() {
        Buffer message = opMsg(0, sequenceSection("documents", new BsonDocument("_id", new BsonInt32(1))));

        assertRejected(message, ErrorCode.PROTOCOL_ERROR, false);
    }

    @Test
    void unknownSectionKindIsAProtocolError() {
        Buffer sections = bodySection(new BsonDocument("ping", new BsonInt32(1)))
                .appendByte((byte) 7)
                .appendBytes(bson(new BsonDocument("x", new BsonInt32(1))));

        assertRejected(opMsg(0, sections), ErrorCode.PROTOCOL_ERROR, false);
    }

    @Test
    void messageTooShortForFlagsAndBodyIsAProtocolError() {
        Buffer message = frame(OpCode.OP_MSG, 1, Buffer.buffer().appendIntLE(0));

        assertRejected(message, ErrorCode.PROTOCOL_ERROR, false);
    }

    @Test
    void documentLengthOverrunningTheMessageIsInvalidBson() {
        Buffer sections = bodySection(new BsonDocument("ping", new BsonInt32(1)));
        int lengthAt = 1; // after the kind byte
        sections.setIntLE(lengthAt, sections.getIntLE(lengthAt) + 10);

        assertRejected(opMsg(0, sections), ErrorCode.INVALID_BSON, false);
    }

    @Test
    void documentLengthBelowTheBsonMinimumIsInvalidBson() {
        Buffer sections = bodySection(new BsonDocument("ping", new BsonInt32(1)));
        sections.setIntLE(1, 4);

        assertRejected(opMsg(0, sections), ErrorCode.INVALID_BSON, false);
    }

    @Test
    void malformedDocumentContentWithACorrectLengthIsInvalidBson() {
        byte[] document = bson(new BsonDocument("a", new BsonInt32(1)).append("b", new BsonString("x")));
        assertThat(document[4]).as("type byte of the first element (int32)").isEqualTo((byte) 0x10);
        document[4] = 0x7A;
        Buffer sections = Buffer.buffer().appendByte(KIND_BODY).appendBytes(document);

        assertRejected(opMsg(0, sections), ErrorCode.INVALID_BSON, false);
    }

    @Test
    void malformedDocumentInsideASequenceIsInvalidBson() {
        byte[] document = bson(new BsonDocument("a", new BsonInt32(1)));
        document[4] = 0x7A;
        Buffer sequence = Buffer.buffer()
                .appendByte(KIND_SEQUENCE)
                .appendIntLE(4 + "documents".length() + 1 + document.length)
                .appendBytes("documents".getBytes(StandardCharsets.UTF_8))
                .appendByte((byte) 0)
                .appendBytes(document);

        assertRejected(
                opMsg(0, bodySection(new BsonDocument("insert", new BsonString("c"))), sequence),
                ErrorCode.INVALID_BSON,
                false);
    }

    @Test
    void documentSequenceSizeOverrunningTheMessageIsAProtocolError() {
        Buffer sequence = sequenceSection("documents", new BsonDocument("_id", new BsonInt32(1)));
        sequence.setIntLE(1, sequence.getIntLE(1) + 100);

        assertRejected(
                opMsg(0, bodySection(new BsonDocument("insert", new BsonString("c"))), sequence),
                ErrorCode.PROTOCOL_ERROR,
                false);
    }

    @Test
    void twoSequencesWithTheSameIdentifierAreAProtocolError() {
        BsonDocument doc = new BsonDocument("_id", new BsonInt32(1));
        Buffer message = opMsg(
                0,
                bodySection(new BsonDocument("insert", new BsonString("c"))),
                sequenceSection("documents", doc),
                sequenceSection("documents", doc));

        assertRejected(message, ErrorCode.PROTOCOL_ERROR, false);
    }

    @Test
    void bodyLargerThanMaxCommandSizeIsTooLarge() {
        BsonDocument body = new BsonDocument("insert", new BsonString("c"))
                .append("blob", new BsonBinary(new byte[ServerLimits.MAX_COMMAND_SIZE]));
        Buffer message = opMsg(0, bodySection(body));
        assertThat(message.getIntLE(MessageHeader.SIZE + 4 + 1)).isGreaterThan(ServerLimits.MAX_COMMAND_SIZE);

        assertRejected(message, ErrorCode.BSON_OBJECT_TOO_LARGE, false);
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private static void assertRejected(Buffer message, ErrorCode code, boolean fatal) {
        assertThatThrownBy(() -> OpMsg.decode(message)).isInstanceOfSatisfying(WireProtocolException.class, e -> {
            assertThat(e.errorCode()).as(e.getMessage()).isEqualTo(code);
            assertThat(e.fatal()).as("fatal").isEqualTo(fatal);
        });
    }

    /** BSON bytes of a document, written by the driver's own codec. */
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

    private static Buffer opMsg(int flagBits, Buffer... sections) {
        Buffer payload = Buffer.buffer().appendIntLE(flagBits);
        for (Buffer section : sections) {
            payload.appendBuffer(section);
        }
        return frame(OpCode.OP_MSG, 1, payload);
    }

    private static Buffer bodySection(BsonDocument body) {
        return Buffer.buffer().appendByte(KIND_BODY).appendBytes(bson(body));
    }

    private static Buffer sequenceSection(String identifier, BsonDocument... documents) {
        Buffer content = Buffer.buffer()
                .appendBytes(identifier.getBytes(StandardCharsets.UTF_8))
                .appendByte((byte) 0);
        for (BsonDocument document : documents) {
            content.appendBytes(bson(document));
        }
        return Buffer.buffer()
                .appendByte(KIND_SEQUENCE)
                .appendIntLE(4 + content.length())
                .appendBuffer(content);
    }

    /** Appends the CRC-32C of the whole message, after patching the length to include it. */
    private static Buffer withChecksum(Buffer message) {
        message.appendIntLE(0);
        message.setIntLE(0, message.length());
        message.setIntLE(message.length() - 4, crc32c(message, message.length() - 4));
        return message;
    }

    private static int crc32c(Buffer message, int end) {
        CRC32C crc = new CRC32C();
        crc.update(message.getBytes(0, end));
        return (int) crc.getValue();
    }

    private static int indexOf(Buffer message, byte[] needle) {
        byte[] haystack = message.getBytes();
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("bytes not found in message");
    }
}
