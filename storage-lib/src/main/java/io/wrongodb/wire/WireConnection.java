package io.wrongodb.wire;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import io.wrongodb.command.ClientConnection;
import io.wrongodb.command.RamLog;
import io.wrongodb.command.ServerLimits;
import org.jboss.logging.Logger;

/**
 * One client socket. A {@link RecordParser} cuts the byte stream into messages: first the 4-byte length, then the
 * rest of the message. A length outside 16..48,000,000 cannot be resynchronised, so it closes the connection.
 *
 * <p>When the client ends the stream, the parser passes on whatever partial bytes it holds; a record of any other
 * size than the one asked for is therefore a message cut short, and it is dropped without being executed.
 *
 * <p>Messages are handled one at a time, off the event loop: the socket is paused while a worker thread runs the
 * command, then the reply is written and reading resumes. Commands may block on storage; the event loop never does.
 */
final class WireConnection {
    private static final Logger LOG = Logger.getLogger(WireConnection.class);

    private final Vertx vertx;
    private final NetSocket socket;
    private final ClientConnection client;
    private final WireRequestHandler handler;
    private final WireMetrics metrics;
    private final RamLog log;
    private final RecordParser parser;
    private Buffer lengthPrefix;
    private int expectedRecordLength = 4;
    private boolean closing;

    WireConnection(
            Vertx vertx,
            NetSocket socket,
            ClientConnection client,
            WireRequestHandler handler,
            WireMetrics metrics,
            RamLog log) {
        this.vertx = vertx;
        this.socket = socket;
        this.client = client;
        this.handler = handler;
        this.metrics = metrics;
        this.log = log;
        this.parser = RecordParser.newFixed(4, socket);
    }

    void start() {
        metrics.connectionOpened();
        log.write(
                'I',
                "NETWORK",
                22943,
                "listener",
                "Connection accepted from " + client.remoteAddress() + " (connection " + client.id() + ")");
        socket.closeHandler(ignored -> {
            metrics.connectionClosed();
            log.write('I', "NETWORK", 22944, "conn" + client.id(), "Connection ended");
        });
        parser.exceptionHandler(error -> {
            LOG.debugf(error, "connection %d failed", client.id());
            close();
        });
        parser.handler(this::onRecord);
    }

    private void onRecord(Buffer record) {
        if (closing) {
            return;
        }
        if (record.length() != expectedRecordLength) {
            // The parser hands over what it holds when the client ends the stream: a message cut short. It is
            // dropped unexecuted; a client hanging up is not a protocol violation, so nothing is counted.
            LOG.debugf("connection %d ended in the middle of a message", client.id());
            close();
            return;
        }
        if (lengthPrefix == null) {
            int length = record.getIntLE(0);
            if (length < MessageHeader.SIZE || length > ServerLimits.MAX_MESSAGE_SIZE_BYTES) {
                reject("message length " + length + " is invalid, min " + MessageHeader.SIZE + " max "
                        + ServerLimits.MAX_MESSAGE_SIZE_BYTES);
                return;
            }
            lengthPrefix = record;
            expectLength(length - 4);
            return;
        }
        Buffer message = Buffer.buffer(lengthPrefix.length() + record.length())
                .appendBuffer(lengthPrefix)
                .appendBuffer(record);
        lengthPrefix = null;
        expectLength(4);
        parser.pause();
        vertx.executeBlocking(() -> handler.handle(message, client), false).onComplete(result -> {
            if (result.succeeded()) {
                if (result.result() != null) {
                    socket.write(result.result());
                }
                parser.resume();
            } else if (result.cause() instanceof WireProtocolException e) {
                reject(e.getMessage());
            } else {
                LOG.errorf(result.cause(), "connection %d: unexpected failure, closing it", client.id());
                close();
            }
        });
    }

    private void expectLength(int length) {
        expectedRecordLength = length;
        parser.fixedSizeMode(length);
    }

    private void reject(String reason) {
        metrics.messageRejected();
        log.write('W', "NETWORK", 4615638, "conn" + client.id(), "Closing connection: " + reason);
        LOG.infof("connection %d from %s closed: %s", client.id(), client.remoteAddress(), reason);
        close();
    }

    private void close() {
        if (!closing) {
            closing = true;
            socket.close();
        }
    }
}
