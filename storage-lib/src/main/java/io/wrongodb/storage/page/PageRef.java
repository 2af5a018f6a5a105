package io.wrongodb.storage.page;

import io.wrongodb.storage.block.BlockAddress;

/**
 * A parent's reference to a child page: the child's block address (none until first written) and, while the child
 * is in memory, the page itself. WiredTiger calls this a WT_REF. Readers load a missing page under the ref's
 * monitor; eviction and reconciliation change the ref under the tree's write latch.
 */
public final class PageRef {
    private volatile BlockAddress address;
    private volatile Page page;

    public PageRef(BlockAddress address, Page page) {
        this.address = address;
        this.page = page;
    }

    public BlockAddress address() {
        return address;
    }

    public void setAddress(BlockAddress address) {
        this.address = address;
    }

    /** The page if it is in memory, else null. */
    public Page page() {
        return page;
    }

    public void setPage(Page page) {
        this.page = page;
    }
}
