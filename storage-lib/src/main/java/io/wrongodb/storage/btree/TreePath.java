package io.wrongodb.storage.btree;

import io.wrongodb.storage.page.InternalPage;
import io.wrongodb.storage.page.LeafPage;
import java.util.ArrayList;

/**
 * The way from the root to a leaf: the internal pages passed and the child taken in each. Valid only while the
 * tree is unchanged (same {@link BTree#version()}).
 */
final class TreePath {
    final ArrayList<InternalPage> parents = new ArrayList<>();
    final ArrayList<Integer> indexes = new ArrayList<>();
    LeafPage leaf;

    void clear() {
        parents.clear();
        indexes.clear();
        leaf = null;
    }

    int leafLevel() {
        return parents.size();
    }
}
