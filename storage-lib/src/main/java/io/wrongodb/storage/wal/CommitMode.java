package io.wrongodb.storage.wal;

/** When a commit returns. */
public enum CommitMode {
    /** After the fsync that covers its log record: the commit survives a crash ({@code j: true}). */
    SYNC,
    /** Once its record is in the log buffer; a background flush syncs it within the commit interval. */
    ASYNC
}
