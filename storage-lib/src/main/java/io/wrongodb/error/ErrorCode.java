package io.wrongodb.error;

/**
 * MongoDB's error codes, with the numbers and names MongoDB 7.0 returns in {@code code} and {@code codeName}. Only
 * the codes WrongoDB raises are listed; the numbers are part of the protocol and must never change.
 */
public enum ErrorCode {
    INTERNAL_ERROR(1, "InternalError"),
    BAD_VALUE(2, "BadValue"),
    FAILED_TO_PARSE(9, "FailedToParse"),
    UNAUTHORIZED(13, "Unauthorized"),
    TYPE_MISMATCH(14, "TypeMismatch"),
    PROTOCOL_ERROR(17, "ProtocolError"),
    INVALID_BSON(22, "InvalidBSON"),
    NAMESPACE_NOT_FOUND(26, "NamespaceNotFound"),
    CURSOR_NOT_FOUND(43, "CursorNotFound"),
    COMMAND_NOT_FOUND(59, "CommandNotFound"),
    INVALID_OPTIONS(72, "InvalidOptions"),
    INVALID_NAMESPACE(73, "InvalidNamespace"),
    WRITE_CONFLICT(112, "WriteConflict"),
    CLIENT_METADATA_CANNOT_BE_MUTATED(186, "ClientMetadataCannotBeMutated"),
    ILLEGAL_OP_MSG_FLAG(223, "IllegalOpMsgFlag"),
    TOO_MANY_DOCUMENT_SEQUENCES(233, "TooManyDocumentSequences"),
    CHECKSUM_MISMATCH(288, "ChecksumMismatch"),
    UNSUPPORTED_OP_QUERY_COMMAND(352, "UnsupportedOpQueryCommand"),
    NOT_WRITABLE_PRIMARY(10107, "NotWritablePrimary"),
    BSON_OBJECT_TOO_LARGE(10334, "BSONObjectTooLarge"),
    DUPLICATE_KEY(11000, "DuplicateKey"),
    OP_MSG_MISSING_DB(40571, "Location40571");

    private final int code;
    private final String codeName;

    ErrorCode(int code, String codeName) {
        this.code = code;
        this.codeName = codeName;
    }

    public int code() {
        return code;
    }

    public String codeName() {
        return codeName;
    }
}
