/**
 * MongoDB commands: one class per command (or small family), a registry that finds them by name, and the dispatcher
 * that runs one and turns its outcome into a reply. A command never writes bytes; it returns a BSON document or
 * throws {@link io.wrongodb.error.MongoServerException}. The wire package above frames the reply.
 */
package io.wrongodb.command;
