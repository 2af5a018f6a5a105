package io.wrongodb.storage.cache;

import io.wrongodb.storage.support.StorageException;

/** The cache is over its size and every page in it is pinned, so nothing can be evicted to make room. */
public final class CacheFullException extends StorageException {
    public CacheFullException(String message) {
        super(message);
    }
}
