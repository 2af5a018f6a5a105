/**
 * Replication: the node's role and how it presents the replica set. Roles are static (no elections): one primary
 * takes writes, secondaries pull {@code local.oplog.rs} from their sync source. The oplog, the applier and the
 * fetcher grow here.
 */
package io.wrongodb.repl;
