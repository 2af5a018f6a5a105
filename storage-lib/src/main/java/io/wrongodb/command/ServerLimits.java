package io.wrongodb.command;

/** Size limits of documents, messages and batches, as MongoDB 7.0 advertises them in {@code hello}. */
public final class ServerLimits {
    /** Largest message accepted or sent, header included ({@code maxMessageSizeBytes}). */
    public static final int MAX_MESSAGE_SIZE_BYTES = 48_000_000;
    /** Largest user document ({@code maxBsonObjectSize}). */
    public static final int MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
    /**
     * Largest command body: a user document plus room for the command around it, as MongoDB's internal limit
     * (16 MiB + 16 KiB) allows.
     */
    public static final int MAX_COMMAND_SIZE = MAX_BSON_OBJECT_SIZE + 16 * 1024;
    /** Largest number of writes in one batch ({@code maxWriteBatchSize}). */
    public static final int MAX_WRITE_BATCH_SIZE = 100_000;

    private ServerLimits() {}
}
