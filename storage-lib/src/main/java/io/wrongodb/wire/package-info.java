/**
 * MongoDB's wire protocol: framing of the byte stream into messages, the OP_MSG, OP_QUERY and OP_REPLY formats, and
 * the Vert.x TCP server. Every class that reads or writes bytes opens with its format as a table. A message that
 * breaks the format gets an error reply if the stream is still in step, or a closed connection if it is not; it
 * never takes the server down. BSON is read and written by org.mongodb:bson, never by hand.
 */
package io.wrongodb.wire;
