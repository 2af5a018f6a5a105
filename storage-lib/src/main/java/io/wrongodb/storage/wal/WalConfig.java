package io.wrongodb.storage.wal;

import java.time.Duration;

/**
 * @param fileSize size each log file is pre-allocated to; a record never spans files
 * @param commitInterval longest time an {@link CommitMode#ASYNC} record waits in the log buffer before the
 *     background flush writes and syncs it (MongoDB's journalCommitInterval, 100 ms by default)
 */
public record WalConfig(long fileSize, Duration commitInterval) {
    public static WalConfig defaults() {
        return new WalConfig(64L * 1024 * 1024, Duration.ofMillis(100));
    }
}
