package io.wrongodb.repl;

import java.util.List;
import java.util.Optional;

/**
 * How this node describes the replica set in {@code hello}: its set name, its own address ({@code me}) and the
 * members it knows. Roles are static, so a primary knows itself and a secondary knows itself and its sync source
 * (which is the primary). Without a set name the node is a standalone.
 */
public record ReplicaSetView(NodeRole role, Optional<String> setName, String me, Optional<String> syncSource) {

    public ReplicaSetView {
        if (role == NodeRole.SECONDARY && (setName.isEmpty() || syncSource.isEmpty())) {
            throw new IllegalArgumentException("a secondary needs a replica set name and a sync source");
        }
    }

    public boolean isReplicaSetMember() {
        return setName.isPresent();
    }

    public boolean isWritablePrimary() {
        return role == NodeRole.PRIMARY;
    }

    /** The members this node knows, primary first. */
    public List<String> hosts() {
        return role == NodeRole.PRIMARY ? List.of(me) : List.of(syncSource.orElseThrow(), me);
    }

    /** The primary's address as this node knows it. */
    public String primary() {
        return role == NodeRole.PRIMARY ? me : syncSource.orElseThrow();
    }
}
