package io.wrongodb.command;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import org.bson.BsonDocument;

/** What the server knows of one client connection: its number, its addresses and the metadata from its first hello. */
public final class ClientConnection {
    private final long id;
    private final String remoteAddress;
    private BsonDocument metadata;

    public ClientConnection(long id, String remoteAddress) {
        this.id = id;
        this.remoteAddress = remoteAddress;
    }

    public long id() {
        return id;
    }

    /** The client's address as host:port, what {@code whatsmyuri} answers. */
    public String remoteAddress() {
        return remoteAddress;
    }

    public synchronized BsonDocument metadata() {
        return metadata;
    }

    /** Records the {@code client} document of a hello; like MongoDB, it may be sent only once per connection. */
    public synchronized void recordMetadata(BsonDocument clientDocument) {
        if (metadata != null && !metadata.equals(clientDocument)) {
            throw new MongoServerException(
                    ErrorCode.CLIENT_METADATA_CANNOT_BE_MUTATED,
                    "The client metadata document may only be sent in the first hello");
        }
        metadata = clientDocument;
    }
}
