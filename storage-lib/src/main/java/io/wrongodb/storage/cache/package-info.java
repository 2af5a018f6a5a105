/**
 * The page cache: how many bytes of pages are in memory, and the policy that evicts them (a clock, run by the
 * trees themselves). Pages are pinned while a cursor is positioned on them and are never evicted while pinned.
 * Eviction of a dirty page writes it copy-on-write; the page's parent then records the new address and becomes
 * dirty itself.
 */
package io.wrongodb.storage.cache;
