package io.wrongodb.storage.block;

import io.wrongodb.storage.support.StorageException;

/** A block whose bytes do not match its checksum, or that is not the block its parent expects. */
public final class CorruptBlockException extends StorageException {
    public CorruptBlockException(String message) {
        super(message);
    }
}
