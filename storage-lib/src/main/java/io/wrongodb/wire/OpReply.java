package io.wrongodb.wire;

import io.vertx.core.buffer.Buffer;
import org.bson.BsonDocument;

/**
 * The legacy reply, sent only to answer an OP_QUERY handshake.
 *
 * <pre>
 * OP_REPLY (opCode 1; all integers little-endian; part of the MongoDB wire format)
 * offset size field
 *      0   16 message header
 *     16    4 responseFlags    bit 3 AwaitCapable (always set by servers since 1.6)
 *     20    8 cursorID         0: commands never leave a legacy cursor open
 *     28    4 startingFrom
 *     32    4 numberReturned   always 1 here
 *     36    … documents        the command's reply
 * </pre>
 */
public record OpReply(BsonDocument document) {
    /** Response flag bit. Part of the wire format. */
    public static final int AWAIT_CAPABLE = 1 << 3;

    public Buffer encode(int requestId, int responseTo) {
        Buffer out = Buffer.buffer(256);
        MessageHeader.appendPlaceholder(out, requestId, responseTo, OpCode.OP_REPLY);
        out.appendIntLE(AWAIT_CAPABLE).appendLongLE(0L).appendIntLE(0).appendIntLE(1);
        BsonBytes.append(out, document);
        return MessageHeader.patchLength(out);
    }
}
