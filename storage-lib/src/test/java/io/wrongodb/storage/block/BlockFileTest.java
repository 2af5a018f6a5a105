package io.wrongodb.storage.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The block file's space rules: what may be reused when, and what a reopen finds. */
class BlockFileTest {
    @TempDir
    Path dir;

    private static ByteBuffer payload(int size, int seed) {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        for (int i = 0; i < size; i++) {
            buffer.put(i, (byte) (seed + i));
        }
        return buffer;
    }

    @Test
    void aBlockReadsBackAndItsAddressCarriesItsChecksum() {
        try (BlockFile file = BlockFile.open(dir.resolve("f"), 4096)) {
            BlockAddress address = file.write(BlockType.OVERFLOW_VALUE, payload(10_000, 3));
            assertThat(address.size()).isEqualTo(12_288);
            assertThat(address.offset() % 4096).isZero();
            assertThat(file.read(address, BlockType.OVERFLOW_VALUE)).isEqualTo(payload(10_000, 3));
            BlockAddress wrongChecksum = new BlockAddress(address.offset(), address.size(), address.checksum() + 1);
            assertThatThrownBy(() -> file.read(wrongChecksum, BlockType.OVERFLOW_VALUE))
                    .isInstanceOf(CorruptBlockException.class)
                    .hasMessageContaining("offset " + address.offset());
            assertThatThrownBy(() -> file.read(address, BlockType.LEAF_PAGE))
                    .isInstanceOf(CorruptBlockException.class)
                    .hasMessageContaining("overflow value");
        }
    }

    @Test
    void aBlockWrittenSinceTheCheckpointIsReusedAtOnce() {
        try (BlockFile file = BlockFile.open(dir.resolve("f"), 4096)) {
            BlockAddress first = file.write(BlockType.LEAF_PAGE, payload(100, 1));
            file.free(first);
            BlockAddress second = file.write(BlockType.LEAF_PAGE, payload(100, 2));
            assertThat(second.offset()).isEqualTo(first.offset());
        }
    }

    @Test
    void aBlockOfTheLastCheckpointIsNotReusedUntilTheNextOneIsDurable() {
        try (BlockFile file = BlockFile.open(dir.resolve("f"), 4096)) {
            BlockAddress old = file.write(BlockType.LEAF_PAGE, payload(100, 1));
            file.checkpoint(old);
            file.free(old);
            assertThat(file.discardedBytes()).isEqualTo(4096);
            BlockAddress replacement = file.write(BlockType.LEAF_PAGE, payload(100, 2));
            assertThat(replacement.offset()).isNotEqualTo(old.offset());
            file.checkpoint(replacement);
            assertThat(file.discardedBytes()).isZero();
            BlockAddress next = file.write(BlockType.LEAF_PAGE, payload(100, 3));
            assertThat(next.offset()).isEqualTo(old.offset());
        }
    }

    @Test
    void reopeningFindsTheLastCheckpointAndItsFreeSpace() {
        Path path = dir.resolve("f");
        BlockAddress kept;
        try (BlockFile file = BlockFile.open(path, 4096)) {
            BlockAddress a = file.write(BlockType.LEAF_PAGE, payload(100, 1));
            BlockAddress b = file.write(BlockType.LEAF_PAGE, payload(100, 2));
            kept = file.write(BlockType.LEAF_PAGE, payload(100, 3));
            file.checkpoint(kept);
            file.free(a);
            file.free(b);
            file.checkpoint(kept);
            // Written after the last checkpoint: a reopen must not see it.
            file.write(BlockType.LEAF_PAGE, payload(100, 4));
            file.write(BlockType.LEAF_PAGE, payload(100, 5));
        }
        try (BlockFile file = BlockFile.open(path, 4096)) {
            assertThat(file.checkpoint().generation()).isEqualTo(2);
            assertThat(file.checkpoint().metadataRoot()).isEqualTo(kept);
            assertThat(file.read(kept, BlockType.LEAF_PAGE)).isEqualTo(payload(100, 3));
            assertThat(file.availableBytes()).isGreaterThanOrEqualTo(8192);
            long end = file.fileSize();
            BlockAddress reused = file.write(BlockType.LEAF_PAGE, payload(100, 6));
            assertThat(reused.offset() + reused.size()).isLessThanOrEqualTo(end);
            assertThat(reused.offset()).isNotEqualTo(kept.offset());
            assertThat(file.stats().blocksReused()).isEqualTo(1);
            assertThat(file.read(kept, BlockType.LEAF_PAGE)).isEqualTo(payload(100, 3));
        }
    }

    @Test
    void theSlotsAlternateAndTheNewerWins() {
        Path path = dir.resolve("f");
        try (BlockFile file = BlockFile.open(path, 4096)) {
            BlockAddress root = file.write(BlockType.LEAF_PAGE, payload(10, 1));
            file.checkpoint(root);
            file.checkpoint(root);
            file.checkpoint(root);
            CheckpointSlot[] slots = file.readSlots();
            assertThat(slots[1].generation()).isEqualTo(3);
            assertThat(slots[0].generation()).isEqualTo(2);
        }
        try (BlockFile file = BlockFile.open(path, 4096)) {
            assertThat(file.checkpoint().generation()).isEqualTo(3);
        }
    }

    @Test
    void freeSpaceAtTheEndIsGivenBack() {
        try (BlockFile file = BlockFile.open(dir.resolve("f"), 4096)) {
            BlockAddress root = file.write(BlockType.LEAF_PAGE, payload(10, 1));
            BlockAddress big = file.write(BlockType.OVERFLOW_VALUE, payload(1 << 20, 2));
            file.checkpoint(root);
            long withBig = file.fileSize();
            file.free(big);
            file.checkpoint(root);
            file.checkpoint(root);
            assertThat(file.fileSize()).isLessThan(withBig - (1 << 20) + 4096 * 4);
        }
    }
}
