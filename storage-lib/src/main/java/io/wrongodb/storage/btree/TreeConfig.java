package io.wrongodb.storage.btree;

/**
 * Sizes that shape a tree.
 *
 * @param leafPageMax a leaf splits when its serialized size passes this
 * @param internalPageMax an internal page splits when its serialized size passes this
 * @param overflowThreshold values longer than this live in their own overflow block
 * @param maxKeySize the longest key accepted (keys are stored in pages, never in overflow blocks)
 * @param maxValueSize the longest value accepted
 */
public record TreeConfig(
        int leafPageMax, int internalPageMax, int overflowThreshold, int maxKeySize, int maxValueSize) {
    public TreeConfig {
        if (maxKeySize > 0xFFFF) {
            throw new IllegalArgumentException("keys are stored with a 2-byte length; maxKeySize " + maxKeySize);
        }
        if (internalPageMax < 3 * (maxKeySize + 22)) {
            throw new IllegalArgumentException("an internal page must hold at least three maximal keys");
        }
        if (leafPageMax < 2 * (maxKeySize + overflowThreshold + 11)) {
            throw new IllegalArgumentException("a leaf page must hold at least two maximal entries");
        }
    }
}
