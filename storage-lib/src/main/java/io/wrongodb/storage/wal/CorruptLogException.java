package io.wrongodb.storage.wal;

import io.wrongodb.storage.support.StorageException;

/** A log record that was synced and later found damaged: recovery cannot go past it without losing commits. */
public final class CorruptLogException extends StorageException {
    private final Lsn lsn;

    public CorruptLogException(Lsn lsn, String message) {
        super(message);
        this.lsn = lsn;
    }

    public Lsn lsn() {
        return lsn;
    }
}
