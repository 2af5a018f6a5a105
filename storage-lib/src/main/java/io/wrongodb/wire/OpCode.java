package io.wrongodb.wire;

/** The opCodes WrongoDB understands. The numbers are part of the MongoDB wire format. */
public final class OpCode {
    /** Legacy reply, only sent in answer to an {@link #OP_QUERY} handshake. */
    public static final int OP_REPLY = 1;
    /** Legacy query; since MongoDB 6.0 only the first {@code hello}/{@code isMaster} may use it. */
    public static final int OP_QUERY = 2004;
    /** A compressed message; refused, because WrongoDB never offers a compressor in the handshake. */
    public static final int OP_COMPRESSED = 2012;
    /** The message every modern request and reply uses. */
    public static final int OP_MSG = 2013;

    private OpCode() {}

    public static String name(int opCode) {
        return switch (opCode) {
            case OP_REPLY -> "OP_REPLY";
            case OP_QUERY -> "OP_QUERY";
            case OP_COMPRESSED -> "OP_COMPRESSED";
            case OP_MSG -> "OP_MSG";
            default -> "opCode " + opCode;
        };
    }
}
