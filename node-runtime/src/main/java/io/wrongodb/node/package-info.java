/**
 * The Quarkus shell both node apps share: the {@code wrongodb.*} configuration, starting and stopping the
 * {@link io.wrongodb.server.Node} with the application, and the liveness and readiness checks. No database logic
 * lives here; it is all in storage-lib.
 */
package io.wrongodb.node;
