package io.wrongodb.bson;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

/** A document as stored: its BSON bytes, written and read through org.mongodb:bson's codec. */
public final class DocumentBytes {
    private static final BsonDocumentCodec CODEC = new BsonDocumentCodec();

    private DocumentBytes() {}

    public static byte[] encode(BsonDocument document) {
        BasicOutputBuffer buffer = new BasicOutputBuffer(256);
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            CODEC.encode(writer, document, EncoderContext.builder().build());
        }
        byte[] internal = buffer.getInternalBuffer();
        return internal.length == buffer.getPosition() ? internal : Arrays.copyOf(internal, buffer.getPosition());
    }

    public static BsonDocument decode(byte[] bytes) {
        try (BsonBinaryReader reader = new BsonBinaryReader(ByteBuffer.wrap(bytes))) {
            return CODEC.decode(reader, DecoderContext.builder().build());
        }
    }
}
