package io.wrongodb.wire;

import io.vertx.core.buffer.Buffer;
import io.wrongodb.error.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.BsonSerializationException;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

/** Reads and writes whole BSON documents inside wire messages, through org.mongodb:bson. */
final class BsonBytes {
    private static final BsonDocumentCodec CODEC = new BsonDocumentCodec();

    private BsonBytes() {}

    /** The declared length of the BSON document at {@code offset}, checked against what the message holds. */
    static int documentLength(Buffer message, int offset, int end, int maxSize) {
        if (end - offset < 5) {
            throw invalid("a BSON document needs at least 5 bytes, " + (end - offset) + " remain in the message");
        }
        int length = message.getIntLE(offset);
        if (length < 5 || length > end - offset) {
            throw invalid("BSON document length " + length + " at offset " + offset + " does not fit the message ("
                    + (end - offset) + " bytes remain)");
        }
        if (length > maxSize) {
            throw new WireProtocolException(
                    ErrorCode.BSON_OBJECT_TOO_LARGE,
                    "BSON document of " + length + " bytes is larger than the limit of " + maxSize + " bytes",
                    false);
        }
        return length;
    }

    /** Decodes the document of {@code length} bytes at {@code offset}, rejecting malformed BSON. */
    static BsonDocument decode(Buffer message, int offset, int length) {
        ByteBuffer bytes = message.getByteBuf().nioBuffer(offset, length).order(ByteOrder.LITTLE_ENDIAN);
        try (BsonBinaryReader reader = new BsonBinaryReader(bytes)) {
            BsonDocument document =
                    CODEC.decode(reader, DecoderContext.builder().build());
            if (reader.getBsonInput().getPosition() != length) {
                throw invalid("BSON document at offset " + offset + " ends before its declared length");
            }
            return document;
        } catch (BsonSerializationException | org.bson.BsonInvalidOperationException e) {
            throw invalid("invalid BSON document at offset " + offset + ": " + e.getMessage());
        }
    }

    static void append(Buffer out, BsonDocument document) {
        BasicOutputBuffer bytes = new BasicOutputBuffer();
        try (BsonBinaryWriter writer = new BsonBinaryWriter(bytes)) {
            CODEC.encode(writer, document, EncoderContext.builder().build());
        }
        out.appendBytes(bytes.getInternalBuffer(), 0, bytes.getPosition());
    }

    private static WireProtocolException invalid(String message) {
        return new WireProtocolException(ErrorCode.INVALID_BSON, message, false);
    }
}
