package io.wrongodb.command;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import io.wrongodb.repl.ReplicaSetView;
import java.util.Set;
import java.util.function.Supplier;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * {@code hello} (and the legacy {@code isMaster}/{@code ismaster}): the handshake every driver sends first and then
 * periodically to monitor the server. It says what the node is (standalone, primary, secondary), the protocol's
 * limits and wire versions. No {@code topologyVersion} is sent, so drivers poll instead of streaming hello.
 */
public final class HelloCommand implements Command {
    /** Minutes a logical session lives unused; sent because the server accepts {@code lsid} on every command. */
    static final int LOGICAL_SESSION_TIMEOUT_MINUTES = 30;

    private final Supplier<ReplicaSetView> replicaSet;

    public HelloCommand(Supplier<ReplicaSetView> replicaSet) {
        this.replicaSet = replicaSet;
    }

    @Override
    public String name() {
        return "hello";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("isMaster", "ismaster");
    }

    /** Like mongod, an int32 while the number fits in one. */
    private static BsonValue connectionId(long id) {
        return id <= Integer.MAX_VALUE ? new BsonInt32((int) id) : new BsonInt64(id);
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        BsonDocument body = request.body();
        if (body.containsKey("client")) {
            if (!body.get("client").isDocument()) {
                throw new MongoServerException(ErrorCode.TYPE_MISMATCH, "'client' must be a document");
            }
            request.client().recordMetadata(body.getDocument("client"));
        }
        boolean legacy = !request.name().equals("hello");
        ReplicaSetView view = replicaSet.get();

        BsonDocument reply = new BsonDocument();
        if (legacy && body.getBoolean("helloOk", BsonBoolean.FALSE).getValue()) {
            reply.append("helloOk", BsonBoolean.TRUE);
        }
        if (view.isReplicaSetMember()) {
            BsonArray hosts = new BsonArray();
            view.hosts().forEach(host -> hosts.add(new BsonString(host)));
            reply.append("hosts", hosts)
                    .append("setName", new BsonString(view.setName().orElseThrow()))
                    .append("setVersion", new BsonInt32(1));
        }
        reply.append(legacy ? "ismaster" : "isWritablePrimary", BsonBoolean.valueOf(view.isWritablePrimary()));
        if (view.isReplicaSetMember()) {
            reply.append("secondary", BsonBoolean.valueOf(!view.isWritablePrimary()))
                    .append("primary", new BsonString(view.primary()))
                    .append("me", new BsonString(view.me()));
        }
        return reply.append("maxBsonObjectSize", new BsonInt32(ServerLimits.MAX_BSON_OBJECT_SIZE))
                .append("maxMessageSizeBytes", new BsonInt32(ServerLimits.MAX_MESSAGE_SIZE_BYTES))
                .append("maxWriteBatchSize", new BsonInt32(ServerLimits.MAX_WRITE_BATCH_SIZE))
                .append("localTime", new BsonDateTime(System.currentTimeMillis()))
                .append("logicalSessionTimeoutMinutes", new BsonInt32(LOGICAL_SESSION_TIMEOUT_MINUTES))
                .append("connectionId", connectionId(request.client().id()))
                .append("minWireVersion", new BsonInt32(ServerVersion.MIN_WIRE_VERSION))
                .append("maxWireVersion", new BsonInt32(ServerVersion.MAX_WIRE_VERSION))
                .append("readOnly", BsonBoolean.FALSE);
    }
}
