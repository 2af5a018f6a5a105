package io.wrongodb.examples;

import io.wrongodb.storage.Connection;
import io.wrongodb.storage.StorageConfig;
import io.wrongodb.storage.TableCursor;
import io.wrongodb.storage.block.BlockFile;
import io.wrongodb.storage.block.CheckpointSlot;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Watch checkpoints happen. Loads a table, then rewrites part of it several times, checkpointing after each
 * round, and prints what the block file looks like: both checkpoint slots (generation g lands in slot g % 2), the
 * file size, the space that is free or waiting for the next checkpoint, and how many blocks were written into
 * reused space rather than at the end of the file.
 *
 * <p>What to look for: the first checkpoint grows the file. Later rounds rewrite pages copy-on-write, so the old
 * pages are "discarded" until the new checkpoint is durable, then become free; from the third round on, new pages
 * land in that freed space and the file stops growing.
 */
public final class CheckpointWatch {
    private static final int KEYS = 20_000;

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("wrongodb-checkpoint-watch");
        System.out.println("data directory: " + dir);
        try (Connection connection =
                Connection.open(dir, StorageConfig.defaults().withCacheSize(64L << 20))) {
            connection.createTable("demo");
            TableCursor cursor = connection.openSession().openCursor("demo");
            BlockFile file = connection.file();
            show("opened a new file", file);

            for (int i = 0; i < KEYS; i++) {
                cursor.put(key(i), value(i, 0));
            }
            BlockFile.Stats before = file.stats();
            connection.checkpoint();
            show("round 0: loaded " + KEYS + " keys, then checkpointed", file, before);

            for (int round = 1; round <= 4; round++) {
                for (int i = 0; i < KEYS; i += 4) {
                    cursor.put(key(i), value(i, round));
                }
                before = file.stats();
                show("round " + round + ": rewrote every 4th key (not yet checkpointed)", file, before);
                connection.checkpoint();
                show("round " + round + ": checkpointed", file, before);
            }
        }
        System.out.println("closed (a clean close writes one more checkpoint). Reopen it with this program's data"
                + " directory argument to see the slots it starts from.");
    }

    private static void show(String title, BlockFile file) {
        show(title, file, file.stats());
    }

    private static void show(String title, BlockFile file, BlockFile.Stats before) {
        BlockFile.Stats now = file.stats();
        System.out.println();
        System.out.println("== " + title);
        CheckpointSlot[] slots = file.readSlots();
        for (int i = 0; i < 2; i++) {
            CheckpointSlot slot = slots[i];
            System.out.printf(
                    "   slot %d: %s%n",
                    i,
                    slot == null
                            ? "empty"
                            : String.format(
                                    "generation %d, metadata root %s, free-space list %s, file size %,d",
                                    slot.generation(), slot.metadataRoot(), slot.availList(), slot.fileSize()));
        }
        System.out.printf(
                "   file: %,d bytes; free now %,d; discarded (free after the next checkpoint) %,d%n",
                now.fileSize(), now.availableBytes(), now.discardedBytes());
        System.out.printf(
                "   blocks written since the last line: %d into reused space, %d appended at the end%n",
                now.blocksReused() - before.blocksReused(), now.blocksAppended() - before.blocksAppended());
    }

    private static byte[] key(int i) {
        return String.format("user%08d", i).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] value(int i, int round) {
        ByteBuffer value = ByteBuffer.allocate(100);
        value.putInt(i).putInt(round);
        return value.array();
    }
}
