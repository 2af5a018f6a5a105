/**
 * The B+tree: search, insert, update and remove of byte-string keys (unsigned lexicographic order), splits as
 * pages fill, removal of emptied pages, cursors that step both ways and survive changes, clock eviction of leaves,
 * and copy-on-write writing of dirty pages for checkpoints. Invariants: every internal page's first separator is
 * empty; separators are the shortest keys that divide their neighbours; only the root may be an empty leaf.
 */
package io.wrongodb.storage.btree;
