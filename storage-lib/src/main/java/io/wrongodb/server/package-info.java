/**
 * The top of the library: {@link io.wrongodb.server.Node} assembles a database, its commands and its wire server
 * from a {@link io.wrongodb.server.NodeConfig}, and starts and stops them in order. Nothing below imports this
 * package. The Quarkus apps are thin shells around a Node.
 */
package io.wrongodb.server;
