package io.wrongodb.wire;

import io.vertx.core.buffer.Buffer;
import io.wrongodb.command.ServerLimits;
import io.wrongodb.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.bson.BsonDocument;

/**
 * An OP_MSG: one command body plus any document sequences (how drivers send large batches of inserts without
 * nesting them in the body).
 *
 * <pre>
 * OP_MSG (opCode 2013; all integers little-endian; part of the MongoDB wire format)
 * offset size field
 *      0   16 message header (see MessageHeader)
 *     16    4 flagBits   bit 0 checksumPresent, bit 1 moreToCome, bit 16 exhaustAllowed;
 *                        bits 0-15 are "required": a set bit the receiver does not know is an error
 *     20    … sections, repeated until the checksum (or the end of the message):
 *                kind 0, the body (exactly one):  byte 0, then one BSON document
 *                kind 1, a document sequence:     byte 1, int32 size (counting itself, not the kind byte),
 *                                                 cstring identifier, then BSON documents filling the size
 *  len-4    4 checksum   CRC-32C of every byte before it; present only with checksumPresent
 * </pre>
 */
public record OpMsg(int flagBits, BsonDocument body, List<DocumentSequence> sequences) {
    /** Flag bits. Part of the wire format. */
    public static final int CHECKSUM_PRESENT = 1;

    public static final int MORE_TO_COME = 1 << 1;
    public static final int EXHAUST_ALLOWED = 1 << 16;
    private static final int KNOWN_REQUIRED_FLAGS = CHECKSUM_PRESENT | MORE_TO_COME;
    private static final int REQUIRED_FLAGS_MASK = 0xFFFF;

    /** Section kinds. Part of the wire format. */
    private static final byte KIND_BODY = 0;

    private static final byte KIND_DOCUMENT_SEQUENCE = 1;
    private static final int FIRST_SECTION_OFFSET = MessageHeader.SIZE + 4;

    public OpMsg {
        sequences = List.copyOf(sequences);
    }

    public static OpMsg of(BsonDocument body) {
        return new OpMsg(0, body, List.of());
    }

    public boolean moreToCome() {
        return (flagBits & MORE_TO_COME) != 0;
    }

    /** Decodes a whole message, header included. */
    public static OpMsg decode(Buffer message) {
        int length = message.length();
        if (length < FIRST_SECTION_OFFSET + 1) {
            throw protocolError("OP_MSG of " + length + " bytes is too short to hold flags and a body", false);
        }
        int flagBits = message.getIntLE(MessageHeader.SIZE);
        int unknownRequired = flagBits & REQUIRED_FLAGS_MASK & ~KNOWN_REQUIRED_FLAGS;
        if (unknownRequired != 0) {
            throw new WireProtocolException(
                    ErrorCode.ILLEGAL_OP_MSG_FLAG,
                    "OP_MSG has unrecognized required flag bits 0x" + Integer.toHexString(unknownRequired),
                    true);
        }
        int end = length;
        if ((flagBits & CHECKSUM_PRESENT) != 0) {
            end = length - 4;
            verifyChecksum(message, end);
        }

        BsonDocument body = null;
        List<DocumentSequence> sequences = new ArrayList<>();
        int offset = FIRST_SECTION_OFFSET;
        while (offset < end) {
            byte kind = message.getByte(offset++);
            if (kind == KIND_BODY) {
                if (body != null) {
                    throw protocolError("OP_MSG has more than one body section", false);
                }
                int size = BsonBytes.documentLength(message, offset, end, ServerLimits.MAX_COMMAND_SIZE);
                body = BsonBytes.decode(message, offset, size);
                offset += size;
            } else if (kind == KIND_DOCUMENT_SEQUENCE) {
                offset = readSequence(message, offset, end, sequences);
            } else {
                throw protocolError(
                        "OP_MSG has a section of unknown kind " + kind + " at offset " + (offset - 1), false);
            }
        }
        if (body == null) {
            throw protocolError("OP_MSG has no body section", false);
        }
        return new OpMsg(flagBits, body, sequences);
    }

    private static int readSequence(Buffer message, int offset, int end, List<DocumentSequence> into) {
        if (end - offset < 4) {
            throw protocolError("OP_MSG document sequence at offset " + offset + " is cut short", false);
        }
        int size = message.getIntLE(offset);
        int sequenceEnd = offset + size;
        if (size < 5 || size > end - offset) {
            throw protocolError(
                    "OP_MSG document sequence size " + size + " at offset " + offset + " does not fit the message",
                    false);
        }
        int cursor = offset + 4;
        int nul = cursor;
        while (nul < sequenceEnd && message.getByte(nul) != 0) {
            nul++;
        }
        if (nul == sequenceEnd) {
            throw protocolError("OP_MSG document sequence identifier is not terminated", false);
        }
        String identifier = message.getString(cursor, nul, StandardCharsets.UTF_8.name());
        cursor = nul + 1;
        List<BsonDocument> documents = new ArrayList<>();
        while (cursor < sequenceEnd) {
            int docSize = BsonBytes.documentLength(message, cursor, sequenceEnd, ServerLimits.MAX_COMMAND_SIZE);
            documents.add(BsonBytes.decode(message, cursor, docSize));
            cursor += docSize;
        }
        for (DocumentSequence existing : into) {
            if (existing.identifier().equals(identifier)) {
                throw protocolError("OP_MSG has two document sequences named '" + identifier + "'", false);
            }
        }
        into.add(new DocumentSequence(identifier, documents));
        return sequenceEnd;
    }

    private static void verifyChecksum(Buffer message, int end) {
        if (end < FIRST_SECTION_OFFSET) {
            throw new WireProtocolException(ErrorCode.CHECKSUM_MISMATCH, "OP_MSG is too short for its checksum", true);
        }
        CRC32C crc = new CRC32C();
        crc.update(message.getByteBuf().nioBuffer(0, end));
        int expected = message.getIntLE(end);
        if ((int) crc.getValue() != expected) {
            throw new WireProtocolException(
                    ErrorCode.CHECKSUM_MISMATCH,
                    "OP_MSG checksum does not match its contents (computed 0x" + Long.toHexString(crc.getValue())
                            + ", sent 0x" + Integer.toHexString(expected) + ")",
                    true);
        }
    }

    /** Encodes this message; replies carry the requestId of the request in {@code responseTo}. */
    public Buffer encode(int requestId, int responseTo) {
        Buffer out = Buffer.buffer(256);
        MessageHeader.appendPlaceholder(out, requestId, responseTo, OpCode.OP_MSG);
        out.appendIntLE(flagBits);
        out.appendByte(KIND_BODY);
        BsonBytes.append(out, body);
        for (DocumentSequence sequence : sequences) {
            out.appendByte(KIND_DOCUMENT_SEQUENCE);
            int sizeAt = out.length();
            out.appendIntLE(0);
            out.appendBytes(sequence.identifier().getBytes(StandardCharsets.UTF_8))
                    .appendByte((byte) 0);
            for (BsonDocument document : sequence.documents()) {
                BsonBytes.append(out, document);
            }
            out.setIntLE(sizeAt, out.length() - sizeAt);
        }
        if ((flagBits & CHECKSUM_PRESENT) != 0) {
            MessageHeader.patchLength(out.appendIntLE(0));
            CRC32C crc = new CRC32C();
            crc.update(out.getByteBuf().nioBuffer(0, out.length() - 4));
            out.setIntLE(out.length() - 4, (int) crc.getValue());
            return out;
        }
        return MessageHeader.patchLength(out);
    }

    private static WireProtocolException protocolError(String message, boolean fatal) {
        return new WireProtocolException(ErrorCode.PROTOCOL_ERROR, message, fatal);
    }
}
