package io.wrongodb.wire;

import io.vertx.core.buffer.Buffer;

/**
 * The standard header that opens every MongoDB wire message.
 *
 * <pre>
 * Message header (all integers little-endian; part of the MongoDB wire format)
 * offset size field
 *      0    4 messageLength  size of the whole message in bytes, this header included
 *      4    4 requestID      identifier chosen by the sender
 *      8    4 responseTo     requestID of the request this message answers (0 in requests)
 *     12    4 opCode         what follows: see {@link OpCode}
 * </pre>
 */
public record MessageHeader(int messageLength, int requestId, int responseTo, int opCode) {
    /** Size of the header in bytes. Part of the wire format. */
    public static final int SIZE = 16;

    /** Reads a header from the first 16 bytes of {@code message}. */
    public static MessageHeader read(Buffer message) {
        return new MessageHeader(message.getIntLE(0), message.getIntLE(4), message.getIntLE(8), message.getIntLE(12));
    }

    /** Appends a header for a reply whose total length is patched in later by {@link #patchLength}. */
    static void appendPlaceholder(Buffer out, int requestId, int responseTo, int opCode) {
        out.appendIntLE(0).appendIntLE(requestId).appendIntLE(responseTo).appendIntLE(opCode);
    }

    /** Writes the final message length into a message built with {@link #appendPlaceholder}. */
    static Buffer patchLength(Buffer message) {
        message.setIntLE(0, message.length());
        return message;
    }
}
