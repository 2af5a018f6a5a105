package io.wrongodb.wire;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;

/**
 * A message that breaks the wire format. A fatal one leaves the stream in a state the server cannot trust (a bad
 * checksum, an unknown required flag), so the connection is closed; otherwise the client gets an error reply and
 * the connection goes on.
 */
public final class WireProtocolException extends MongoServerException {
    private final boolean fatal;

    public WireProtocolException(ErrorCode errorCode, String message, boolean fatal) {
        super(errorCode, message);
        this.fatal = fatal;
    }

    public boolean fatal() {
        return fatal;
    }
}
