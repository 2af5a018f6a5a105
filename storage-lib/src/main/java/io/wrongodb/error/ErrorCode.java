package io.wrongodb.error;

/**
 * MongoDB's error codes, with the numbers and names MongoDB 7.0 returns in {@code code} and {@code codeName}. Only
 * the codes WrongoDB raises are listed; the numbers are part of the protocol and must never change.
 */
public enum ErrorCode {
    INTERNAL_ERROR(1, "InternalError"),
    BAD_VALUE(2, "BadValue"),
    NO_SUCH_KEY(4, "NoSuchKey"),
    FAILED_TO_PARSE(9, "FailedToParse"),
    UNAUTHORIZED(13, "Unauthorized"),
    TYPE_MISMATCH(14, "TypeMismatch"),
    OVERFLOW(15, "Overflow"),
    INVALID_LENGTH(16, "InvalidLength"),
    PROTOCOL_ERROR(17, "ProtocolError"),
    ILLEGAL_OPERATION(20, "IllegalOperation"),
    INVALID_BSON(22, "InvalidBSON"),
    NAMESPACE_NOT_FOUND(26, "NamespaceNotFound"),
    INDEX_NOT_FOUND(27, "IndexNotFound"),
    PATH_NOT_VIABLE(28, "PathNotViable"),
    CONFLICTING_UPDATE_OPERATORS(40, "ConflictingUpdateOperators"),
    CURSOR_NOT_FOUND(43, "CursorNotFound"),
    NAMESPACE_EXISTS(48, "NamespaceExists"),
    MAX_TIME_MS_EXPIRED(50, "MaxTimeMSExpired"),
    DOLLAR_PREFIXED_FIELD_NAME(52, "DollarPrefixedFieldName"),
    INVALID_ID_FIELD(53, "InvalidIdField"),
    NOT_SINGLE_VALUE_FIELD(54, "NotSingleValueField"),
    EMPTY_FIELD_NAME(56, "EmptyFieldName"),
    DOTTED_FIELD_NAME(57, "DottedFieldName"),
    COMMAND_NOT_FOUND(59, "CommandNotFound"),
    IMMUTABLE_FIELD(66, "ImmutableField"),
    CANNOT_CREATE_INDEX(67, "CannotCreateIndex"),
    INDEX_ALREADY_EXISTS(68, "IndexAlreadyExists"),
    INVALID_OPTIONS(72, "InvalidOptions"),
    INVALID_NAMESPACE(73, "InvalidNamespace"),
    INDEX_OPTIONS_CONFLICT(85, "IndexOptionsConflict"),
    INDEX_KEY_SPECS_CONFLICT(86, "IndexKeySpecsConflict"),
    OPERATION_FAILED(96, "OperationFailed"),
    WRITE_CONFLICT(112, "WriteConflict"),
    COMMAND_NOT_SUPPORTED(115, "CommandNotSupported"),
    VIEW_DEPTH_LIMIT_EXCEEDED(150, "ViewDepthLimitExceeded"),
    OPTION_NOT_SUPPORTED_ON_VIEW(157, "OptionNotSupportedOnView"),
    COMMAND_NOT_SUPPORTED_ON_VIEW(166, "CommandNotSupportedOnView"),
    INVALID_PIPELINE_OPERATOR(168, "InvalidPipelineOperator"),
    CLIENT_METADATA_CANNOT_BE_MUTATED(186, "ClientMetadataCannotBeMutated"),
    INVALID_INDEX_SPECIFICATION_OPTION(197, "InvalidIndexSpecificationOption"),
    ILLEGAL_OP_MSG_FLAG(223, "IllegalOpMsgFlag"),
    QUERY_FEATURE_NOT_ALLOWED(224, "QueryFeatureNotAllowed"),
    TOO_MANY_DOCUMENT_SEQUENCES(233, "TooManyDocumentSequences"),
    NOT_IMPLEMENTED(238, "NotImplemented"),
    CONVERSION_FAILURE(241, "ConversionFailure"),
    CHECKSUM_MISMATCH(288, "ChecksumMismatch"),
    UNSUPPORTED_OP_QUERY_COMMAND(352, "UnsupportedOpQueryCommand"),
    NOT_WRITABLE_PRIMARY(10107, "NotWritablePrimary"),
    BSON_OBJECT_TOO_LARGE(10334, "BSONObjectTooLarge"),
    INTERRUPTED(11601, "Interrupted"),
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
