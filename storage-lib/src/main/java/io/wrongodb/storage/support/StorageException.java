package io.wrongodb.storage.support;

/** A failure of the storage engine: an I/O error, a corrupt block, a misuse of the API. */
public class StorageException extends RuntimeException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
