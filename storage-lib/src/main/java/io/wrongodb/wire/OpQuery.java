package io.wrongodb.wire;

import io.vertx.core.buffer.Buffer;
import io.wrongodb.command.ServerLimits;
import io.wrongodb.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import org.bson.BsonDocument;

/**
 * A legacy OP_QUERY. Drivers still open a connection with one ({@code isMaster} or {@code hello} on
 * {@code admin.$cmd}) when they do not yet know the server speaks OP_MSG.
 *
 * <pre>
 * OP_QUERY (opCode 2004; all integers little-endian; part of the MongoDB wire format)
 * offset size field
 *      0   16 message header
 *     16    4 flags
 *     20    … fullCollectionName     cstring, "admin.$cmd" for a command
 *      …    4 numberToSkip
 *      …    4 numberToReturn
 *      …    … query                  BSON document: the command, possibly wrapped as {$query: {...}}
 *      …    … returnFieldsSelector   optional BSON document
 * </pre>
 */
public record OpQuery(int flags, String fullCollectionName, int numberToSkip, int numberToReturn, BsonDocument query) {

    public static OpQuery decode(Buffer message) {
        int end = message.length();
        int offset = MessageHeader.SIZE;
        if (end < offset + 4 + 1 + 8 + 5) {
            throw new WireProtocolException(
                    ErrorCode.PROTOCOL_ERROR, "OP_QUERY of " + end + " bytes is too short", false);
        }
        int flags = message.getIntLE(offset);
        offset += 4;
        int nul = offset;
        while (nul < end && message.getByte(nul) != 0) {
            nul++;
        }
        if (nul == end) {
            throw new WireProtocolException(
                    ErrorCode.PROTOCOL_ERROR, "OP_QUERY collection name is not terminated", false);
        }
        String collection = message.getString(offset, nul, StandardCharsets.UTF_8.name());
        offset = nul + 1;
        if (end - offset < 8) {
            throw new WireProtocolException(ErrorCode.PROTOCOL_ERROR, "OP_QUERY is cut short", false);
        }
        int skip = message.getIntLE(offset);
        int toReturn = message.getIntLE(offset + 4);
        offset += 8;
        int size = BsonBytes.documentLength(message, offset, end, ServerLimits.MAX_COMMAND_SIZE);
        BsonDocument query = BsonBytes.decode(message, offset, size);
        return new OpQuery(flags, collection, skip, toReturn, query);
    }

    /** The command inside the query, unwrapped from the legacy {@code {$query: {...}}} form. */
    public BsonDocument command() {
        if (query.containsKey("$query") && query.get("$query").isDocument()) {
            return query.getDocument("$query");
        }
        if (query.containsKey("query") && query.get("query").isDocument()) {
            return query.getDocument("query");
        }
        return query;
    }
}
