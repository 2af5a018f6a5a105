package io.wrongodb.examples;

import io.wrongodb.storage.Connection;
import io.wrongodb.storage.TableCursor;
import io.wrongodb.storage.wal.LogScanner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Watch recovery. A child JVM ({@link CrashingWriter}) writes numbered keys, some with SYNC puts and some with
 * ASYNC ones, prints each acknowledgement, and then has itself killed with SIGKILL in the middle of writing: no
 * checkpoint, no close. This program then opens the same folder, prints what recovery did (where it started, how
 * many log records it replayed, how many bytes of torn tail it cut, where the log now ends), shows the log files
 * before and after, and looks up every key the child acknowledged.
 *
 * <p>What to look for: every SYNC key is there, because its put returned only after the fsync that covered it.
 * ASYNC puts returned while their records sat in the log buffer in the child's memory, so the last ones die with
 * it; the ASYNC keys written before a SYNC put survive, because that put's fsync wrote everything logged before it.
 * Recovery replays only what was logged after the checkpoint, and then checkpoints, so older log files go.
 */
public final class CrashReplay {
    private static final int SIGKILL_STATUS = 128 + 9;

    /** What one run found; {@code missing} counts acknowledged or checkpointed keys that did not come back. */
    record Outcome(
            int childStatus,
            LogScanner.Result recovery,
            int checkpointed,
            int checkpointedMissing,
            int syncAcknowledged,
            int syncMissing,
            int asyncAcknowledged,
            int asyncPresent) {}

    private CrashReplay() {}

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("wrongodb-crash-replay");
        if (!isEmpty(dir)) {
            System.err.println(dir + " is not empty; give a new or empty folder, so recovery has only this run's log");
            System.exit(1);
        }
        Outcome outcome = run(dir, System.out);
        System.exit(outcome.syncMissing() == 0 && outcome.checkpointedMissing() == 0 ? 0 : 1);
    }

    static Outcome run(Path dir, PrintStream out) throws IOException, InterruptedException {
        out.println("data directory: " + dir);

        section(out, "a child JVM writes, then has itself killed with SIGKILL mid-stream");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashingWriter.class.getName(),
                        dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        out.println("   child pid " + child.pid() + "; its acknowledgements, abbreviated:");
        Transcript transcript = new Transcript(out);
        transcript.readAll(child.getInputStream());
        int status = child.waitFor();
        out.println();
        if (status == SIGKILL_STATUS) {
            out.println("   the child is dead: exit status " + status + " = 128 + 9, killed by SIGKILL.");
            out.println("   It had no chance to checkpoint, to close, or to write out its log buffer.");
        } else {
            out.println("   the child exited with status " + status + ", not by SIGKILL; see its errors above.");
        }

        JournalFolder before = JournalFolder.of(dir);
        section(out, "the log folder, as the crash left it");
        before.print(out, null);
        out.println("   each log file is zero-filled to its full size when it is created, so sizes do not show how"
                + " much was written;");
        out.println("   wrongodb-log.prep is the next file, prepared ahead (.prep.tmp while it is being zero-filled)."
                + " The default");
        out.println("   file size is 64 MiB; this example uses 128 KiB, so that a few thousand writes fill several.");

        try (Connection connection = Connection.open(dir, CrashingWriter.config())) {
            LogScanner.Result recovery = connection.recovery();
            JournalFolder after = JournalFolder.of(dir);

            section(out, "reopened the folder: what recovery did");
            out.println("   started at log position " + transcript.checkpoint() + ", the one the child's checkpoint"
                    + " covers");
            out.println("     (the pages in the block file already hold every write logged before it)");
            out.printf(
                    "   replayed %,d log records written after it, putting their keys back into the tree%n",
                    recovery.recordsReplayed());
            out.printf("   cut %,d bytes of torn tail%n", recovery.bytesCut());
            if (recovery.bytesCut() == 0) {
                out.println("     (none: every write the child made reached the OS whole. A write stopped partway, as"
                        + " by a power cut,");
                out.println("     leaves a torn tail; its batch was never acknowledged as synced, so recovery would"
                        + " cut it off.)");
            } else {
                out.println("     (the child died partway through writing its last batch. No put in that batch had"
                        + " been");
                out.println("     acknowledged as synced, so recovery cut it off and zeroed it.)");
            }
            out.println("   the log now ends at " + recovery.end() + ": the next record is written there");
            out.println("   then recovery checkpointed what it replayed, and deleted the log files wholly before that"
                    + " checkpoint:");
            after.print(out, before);

            return check(connection, transcript, status, recovery, out);
        }
    }

    private static Outcome check(
            Connection connection, Transcript transcript, int status, LogScanner.Result recovery, PrintStream out) {
        if (!connection.hasTable(CrashingWriter.TABLE)) {
            out.println("   the child died before it created its table: there is nothing to look up");
            return new Outcome(status, recovery, 0, 0, 0, 0, 0, 0);
        }
        TableCursor cursor = connection.openSession().openCursor(CrashingWriter.TABLE);
        List<Integer> sync = transcript.syncAcknowledged();
        List<Integer> async = transcript.asyncAcknowledged();
        int checkpointed = transcript.checkpoint() == null ? 0 : CrashingWriter.LOADED;
        int checkpointedPresent = 0;
        for (int i = 0; i < checkpointed; i++) {
            checkpointedPresent += isPresent(cursor, i) ? 1 : 0;
        }
        int syncPresent =
                (int) sync.stream().filter(key -> isPresent(cursor, key)).count();
        int asyncPresent =
                (int) async.stream().filter(key -> isPresent(cursor, key)).count();
        int lastSync = sync.isEmpty() ? -1 : sync.get(sync.size() - 1);
        List<Integer> asyncBeforeLastSync =
                async.stream().filter(key -> key < lastSync).toList();
        int asyncBeforeLastSyncPresent = (int) asyncBeforeLastSync.stream()
                .filter(key -> isPresent(cursor, key))
                .count();
        long keys = 0;
        cursor.reset();
        while (cursor.next()) {
            keys++;
        }

        section(out, "every key the child was promised, looked up");
        out.printf(
                "   checkpointed (keys 0..%d): %,d, present %,d, missing %,d   (must be 0)%n",
                CrashingWriter.LOADED - 1, checkpointed, checkpointedPresent, checkpointed - checkpointedPresent);
        out.printf(
                "   SYNC acknowledged:   %,6d, present %,6d, missing %,d   (must be 0: each put returned after its fsync)%n",
                sync.size(), syncPresent, sync.size() - syncPresent);
        out.printf(
                "   ASYNC acknowledged:  %,6d, present %,6d, lost %,d%n",
                async.size(), asyncPresent, async.size() - asyncPresent);
        out.printf(
                "     of them written before the last SYNC put (key %d): %,d, present %,d: that put's fsync wrote"
                        + " them too%n",
                lastSync, asyncBeforeLastSync.size(), asyncBeforeLastSyncPresent);
        out.printf(
                "     written after it: %,d, present %,d: only the background flush (every 100 ms) could write them%n",
                async.size() - asyncBeforeLastSync.size(), asyncPresent - asyncBeforeLastSyncPresent);
        if (async.size() > asyncPresent) {
            out.println("     the lost ones were in the log buffer, in the child's memory, when SIGKILL took it. A"
                    + " power cut could");
            out.println("     also lose records written to the OS but not yet fsynced; SYNC waits for the fsync, so it"
                    + " survives both.");
        } else {
            out.println("     none lost this time: the kill landed just after an fsync had emptied the log buffer."
                    + " Run it again:");
            out.println("     ASYNC records that are still in the buffer when the kill lands are lost.");
        }
        out.printf("   the table holds %,d keys%n", keys);
        return new Outcome(
                status,
                recovery,
                checkpointed,
                checkpointed - checkpointedPresent,
                sync.size(),
                sync.size() - syncPresent,
                async.size(),
                asyncPresent);
    }

    /** Present with the value the child wrote, not merely present. */
    private static boolean isPresent(TableCursor cursor, int key) {
        return cursor.search(CrashingWriter.key(key)) && Arrays.equals(cursor.value(), CrashingWriter.value(key));
    }

    private static boolean isEmpty(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return true;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isEmpty();
        }
    }

    private static void section(PrintStream out, String title) {
        out.println();
        out.println("== " + title);
    }
}
