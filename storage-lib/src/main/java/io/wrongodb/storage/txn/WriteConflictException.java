package io.wrongodb.storage.txn;

import io.wrongodb.storage.support.StorageException;

/**
 * A write found a newer version of its key that its snapshot does not see: another transaction wrote the key and
 * has not committed, or committed after this one began. The first writer wins (snapshot isolation); the second
 * must roll back and may retry (MongoDB's WriteConflict, code 112).
 */
public final class WriteConflictException extends StorageException {
    public WriteConflictException(String message) {
        super(message);
    }
}
