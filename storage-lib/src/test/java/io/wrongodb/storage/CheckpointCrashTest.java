package io.wrongodb.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jdi.Bootstrap;
import com.sun.jdi.Method;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.ClassPrepareEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.ClassPrepareRequest;
import com.sun.jdi.request.EventRequest;
import com.sun.jdi.request.EventRequestManager;
import io.wrongodb.storage.support.FaultPoints;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Without a write-ahead log the durable state is exactly the last completed checkpoint. These tests kill a
 * {@link CrashWorker} child JVM (SIGKILL, or a halt at a named {@link FaultPoints fault point}) and check that the
 * reopened directory holds exactly the content of the last checkpoint the worker reported, or of the one after it
 * (the kill can land between the checkpoint and the report), and that the file goes on working.
 */
class CheckpointCrashTest {
    private static final int ITERATIONS = Integer.getInteger("wrongodb.crash.iterations", 50);
    private static final long SEED = Long.getLong("wrongodb.crash.seed", 20_251_125L);
    /** Exit status of a JVM killed by SIGKILL, as Process reports it on Linux (128 + 9). */
    private static final int SIGKILL_STATUS = 137;

    @TempDir
    Path dir;

    // ---- the child JVM ----------------------------------------------------------------------------------

    /** A running worker and the lines it has printed so far. */
    static final class Worker {
        final Process process;
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        final Path log;
        private final Thread reader;

        Worker(Path data, long seed, String mode, String fault, Path log) throws IOException {
            this(data, seed, mode, List.of("-Dwrongodb.fault=" + fault), log);
        }

        Worker(Path data, long seed, String mode, List<String> jvmOptions, Path log) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m",
                    "-XX:+UseSerialGC",
                    "-cp",
                    System.getProperty("java.class.path")));
            command.addAll(jvmOptions);
            command.addAll(List.of(CrashWorker.class.getName(), data.toString(), Long.toString(seed), mode));
            this.log = log;
            this.process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            this.reader = new Thread(this::readLines, "worker-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        private void readLines() {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("READ FAILED " + e);
            }
        }

        /** Waits for the worker to end by itself; returns its exit status. */
        int waitForExit() throws InterruptedException {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the worker did not end in 120 s; stderr: " + stderr());
            }
            reader.join(10_000);
            return process.exitValue();
        }

        /** Waits until the worker has printed a line starting with {@code prefix}, or has ended; returns it. */
        String awaitLine(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                for (String line : lines()) {
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                }
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("the worker never printed " + prefix + "; stderr: " + stderr());
                }
                Thread.sleep(2);
            }
        }

        /**
         * SIGKILLs the worker; returns its exit status. Through its ProcessHandle: Process.destroyForcibly would
         * also close our end of its stdout, losing lines still in the pipe (the last CHECKPOINT, say).
         */
        int kill() throws InterruptedException {
            ProcessHandle handle = process.toHandle();
            assertThat(handle.destroyForcibly()).as("SIGKILL sent").isTrue();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the worker survived SIGKILL");
            }
            reader.join(10_000);
            assertThat(handle.isAlive()).isFalse();
            return process.exitValue();
        }

        List<String> lines() {
            synchronized (lines) {
                return new ArrayList<>(lines);
            }
        }

        /** The last {@code CHECKPOINT r} printed, or -1. */
        int lastCheckpoint() {
            int last = -1;
            for (String line : lines()) {
                if (line.startsWith("CHECKPOINT ")) {
                    last = Integer.parseInt(line.substring("CHECKPOINT ".length()));
                }
            }
            return last;
        }

        /** The round the worker found in the data when it opened, or null if it did not get that far. */
        Integer resumedAt() {
            for (String line : lines()) {
                if (line.startsWith("RESUMED ")) {
                    return Integer.parseInt(line.substring("RESUMED ".length()));
                }
            }
            return null;
        }

        String stderr() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Reads the whole directory; closes the file without a checkpoint, so the directory is left as it was. */
    private static Map<String, TreeMap<byte[], byte[]>> readDirectory(Path data) {
        Connection connection = Connection.open(data, CrashWorker.config());
        try {
            return CrashWorker.readAll(connection);
        } finally {
            connection.file().close();
        }
    }

    /** Which of the candidate rounds the content is, or null if none. */
    private static Integer matchingRound(
            Map<String, TreeMap<byte[], byte[]>> actual,
            Map<Integer, Map<String, TreeMap<byte[], byte[]>>> candidates) {
        for (Map.Entry<Integer, Map<String, TreeMap<byte[], byte[]>>> candidate : candidates.entrySet()) {
            if (CrashWorker.difference(candidate.getValue(), actual) == null) {
                return candidate.getKey();
            }
        }
        return null;
    }

    // ---- SIGKILL at random moments, crashes accumulating on one file --------------------------------------

    @Test
    void killedWorkersLoseExactlyWhatFollowedTheLastCheckpoint() throws Exception {
        Path data = dir.resolve("db");
        Random random = new Random(SEED);
        CrashWorker.Model model = new CrashWorker.Model(SEED);
        int durable = -1; // the round the directory holds, as verified after the previous kill
        int killedStarting = 0;
        int killedInBatch = 0;
        int killedInCheckpoint = 0;
        int landedOnNext = 0;
        long evicted = 0;
        int largestValue = 0; // the longest value any reopened directory held
        long started = System.nanoTime();
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            // One kill in eight lands while the worker starts (opening the file, resuming); the others at a
            // random moment after it has opened the file.
            boolean duringStart = random.nextInt(8) == 0;
            int delay = duringStart ? 20 + random.nextInt(300) : random.nextInt(1500);
            Path log = dir.resolve("worker-" + iteration + ".log");
            Worker worker = new Worker(data, SEED, "loop", List.of(), log);
            if (!duringStart) {
                worker.awaitLine("RESUMED ");
            }
            boolean endedByItself = worker.process.waitFor(delay, TimeUnit.MILLISECONDS);
            assertThat(endedByItself)
                    .as("iteration %d: the worker ended before the kill; stderr:%n%s", iteration, worker.stderr())
                    .isFalse();
            int status = worker.kill();
            assertThat(status).as("exit status after SIGKILL").isEqualTo(SIGKILL_STATUS);

            List<String> lines = worker.lines();
            Integer resumed = worker.resumedAt();
            if (resumed != null) {
                assertThat(resumed)
                        .as("iteration %d: the round the worker resumed at", iteration)
                        .isEqualTo(durable);
            }
            String lastLine = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
            if (lastLine.startsWith("CHECKPOINTING")) {
                killedInCheckpoint++;
            } else if (lastLine.startsWith("BEGIN")
                    || lastLine.startsWith("STATS")
                    || lastLine.startsWith("CHECKPOINT ")) {
                killedInBatch++;
            } else {
                killedStarting++;
            }
            for (String line : lines) {
                if (line.startsWith("STATS ")) {
                    evicted += Long.parseLong(line.replaceAll(".* evicted=(\\d+).*", "$1"));
                }
            }

            int k = Math.max(durable, worker.lastCheckpoint());
            model.advanceTo(k);
            CrashWorker.Model next = model.copy();
            next.advanceTo(k + 1);
            Map<Integer, Map<String, TreeMap<byte[], byte[]>>> candidates = new TreeMap<>();
            candidates.put(k, model.content());
            candidates.put(k + 1, next.content());

            Map<String, TreeMap<byte[], byte[]>> actual = readDirectory(data);
            for (TreeMap<byte[], byte[]> rows : actual.values()) {
                for (byte[] value : rows.values()) {
                    largestValue = Math.max(largestValue, value.length);
                }
            }
            Integer round = matchingRound(actual, candidates);
            assertThat(round)
                    .as(
                            "iteration %d (killed %d ms in, last line '%s'): the content is neither round %d (%s) nor"
                                    + " round %d (%s)",
                            iteration,
                            delay,
                            lastLine,
                            k,
                            CrashWorker.difference(candidates.get(k), actual),
                            k + 1,
                            CrashWorker.difference(candidates.get(k + 1), actual))
                    .isNotNull();
            if (round == k + 1) {
                landedOnNext++;
            }
            durable = round;
        }
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.printf(
                "CheckpointCrashTest: %d kills in %d ms: %d while starting, %d in a batch, %d in a checkpoint;"
                        + " %d reopened at the round after the last one printed; %d rounds in all; %d evictions%n",
                ITERATIONS, elapsed, killedStarting, killedInBatch, killedInCheckpoint, landedOnNext, durable, evicted);

        // The workload was what it claims: deep trees, overflow values, eviction between checkpoints.
        assertThat(durable).as("rounds completed").isGreaterThanOrEqualTo(ITERATIONS / 2);
        assertThat(evicted).as("leaves evicted between checkpoints").isGreaterThan(0);
        CorruptionTest.FileMap map = CorruptionTest.FileMap.read(data.resolve(Connection.FILE_NAME));
        assertThat(map.depth().get("alpha")).as("levels of table alpha").isGreaterThanOrEqualTo(3);
        assertThat(map.depth().get("beta")).as("levels of table beta").isGreaterThanOrEqualTo(3);
        assertThat(map.blocks()).anyMatch(b -> b.type() == CorruptionTest.FileMap.OVERFLOW_VALUE);
        // Whether the last round holds one depends on the round the kills left it at; over the run, some did.
        assertThat(largestValue).as("longest value that survived a kill").isGreaterThan(1 << 19);
        assertThat(map.unaccountedSpace())
                .as("space neither live nor free after the crashes")
                .isEmpty();
        System.out.printf(
                "CheckpointCrashTest: after %d rounds the file is %d bytes: %d in %d live blocks, %d free; levels %s%n",
                durable, map.fileSize(), map.liveBytes(), map.blocks().size(), map.freeBytes(), map.depth());
    }

    // ---- a halt at each named fault point ----------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {
                "checkpoint.after-pages",
                "checkpoint.after-extent-list",
                "checkpoint.after-sync",
                "checkpoint.torn-slot",
                "checkpoint.after-slot"
            })
    void aHaltInsideACheckpointReopensAtThePreviousOne(String fault) throws Exception {
        Path data = dir.resolve("db");
        Path file = data.resolve(Connection.FILE_NAME);
        Worker setup = new Worker(data, SEED, "until:2", List.of(), dir.resolve("setup.log"));
        assertThat(setup.waitForExit())
                .as("setup worker; stderr: %s", setup.stderr())
                .isZero();
        assertThat(setup.lines()).contains("CHECKPOINT 2", "CLOSED");
        long[] slotsBefore = CorruptionTest.FileMap.slotGenerations(file);
        long generation = Math.max(slotsBefore[0], slotsBefore[1]);
        long durableSize = CorruptionTest.FileMap.read(file).fileSize();

        Worker crashed = new Worker(data, SEED, "until:3", fault, dir.resolve("crash.log"));
        assertThat(crashed.waitForExit()).as("stderr: %s", crashed.stderr()).isEqualTo(FaultPoints.HALT_STATUS);
        assertThat(crashed.lines()).containsExactly("RESUMED 2", "BEGIN 3", "CHECKPOINTING 3");

        long[] slots = CorruptionTest.FileMap.slotGenerations(file);
        long physicalSize = Files.size(file);
        switch (fault) {
            case "checkpoint.torn-slot" -> {
                // The slot of the new generation holds half a slot: it must read as invalid.
                assertThat(slots[(int) ((generation + 1) % 2)])
                        .as("the torn slot")
                        .isEqualTo(-1);
                assertThat(slots[(int) (generation % 2)]).isEqualTo(generation);
            }
            case "checkpoint.after-slot" ->
                assertThat(slots[(int) ((generation + 1) % 2)])
                        .as("the written slot (a halt keeps what the OS holds)")
                        .isIn(slotsBefore[(int) ((generation + 1) % 2)], generation + 1);
            default -> assertThat(slots).as("no slot written").isEqualTo(slotsBefore);
        }
        System.out.printf(
                "CheckpointCrashTest[%s]: slots %d/%d, file %d bytes, the last checkpoint's %d%n",
                fault, slots[0], slots[1], physicalSize, durableSize);

        Map<String, TreeMap<byte[], byte[]>> actual = readDirectory(data);
        Map<Integer, Map<String, TreeMap<byte[], byte[]>>> candidates = new TreeMap<>();
        candidates.put(2, CrashWorker.expectedModel(SEED, 2));
        if (fault.equals("checkpoint.after-slot")) {
            candidates.put(3, CrashWorker.expectedModel(SEED, 3));
        }
        Integer round = matchingRound(actual, candidates);
        assertThat(round)
                .as(
                        "after a halt at %s the content matches none of rounds %s: %s",
                        fault, candidates.keySet(), CrashWorker.difference(candidates.get(2), actual))
                .isNotNull();

        continueWriting(data, round);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "checkpoint.after-pages",
                "checkpoint.after-extent-list",
                "checkpoint.after-sync",
                "checkpoint.torn-slot",
                "checkpoint.after-slot"
            })
    void aHaltInTheFirstCheckpointOfANewFileLeavesAnEmptyDatabase(String fault) throws Exception {
        Path data = dir.resolve("db");
        Worker crashed = new Worker(data, SEED, "until:1", fault, dir.resolve("crash.log"));
        assertThat(crashed.waitForExit()).as("stderr: %s", crashed.stderr()).isEqualTo(FaultPoints.HALT_STATUS);
        assertThat(crashed.lines()).containsExactly("RESUMED -1", "BEGIN 0", "CHECKPOINTING 0");

        Map<String, TreeMap<byte[], byte[]>> actual = readDirectory(data);
        Map<Integer, Map<String, TreeMap<byte[], byte[]>>> candidates = new TreeMap<>();
        candidates.put(-1, CrashWorker.expectedModel(SEED, -1));
        if (fault.equals("checkpoint.after-slot")) {
            candidates.put(0, CrashWorker.expectedModel(SEED, 0));
        }
        Integer round = matchingRound(actual, candidates);
        assertThat(round)
                .as("content %s after a halt at %s", actual.keySet(), fault)
                .isNotNull();
        continueWriting(data, round);
    }

    // ---- a kill while the file is created ---------------------------------------------------------------

    @Test
    void aKillWhileANewFileIsCreatedLeavesNoHalfMadeFile() throws Exception {
        // The worker starts suspended under JDWP; a breakpoint on the first CheckpointSlot.serialize, which
        // BlockFile.initialize calls after writing the file header and before writing slot 0, stops it there,
        // and it is SIGKILLed while stopped. No checkpoint was ever completed, so the durable state is an empty
        // database: the file is built under a temporary name, so the real one must not exist yet.
        Path data = dir.resolve("db");
        Path file = data.resolve(Connection.FILE_NAME);
        Worker worker = new Worker(
                data,
                SEED,
                "until:1",
                List.of("-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=127.0.0.1:0"),
                dir.resolve("jdwp.log"));
        String listening = worker.awaitLine("Listening for transport dt_socket at address: ");
        int port = Integer.parseInt(
                listening.substring(listening.lastIndexOf(':') + 1).trim());
        VirtualMachine vm = attach(port);
        String caller = stopAtFirstCall(vm, "io.wrongodb.storage.block.CheckpointSlot", "serialize");
        assertThat(caller).as("the method that called serialize first").isEqualTo("initialize");
        assertThat(worker.kill()).isEqualTo(SIGKILL_STATUS);
        try {
            vm.dispose();
        } catch (RuntimeException gone) {
            // the JVM is dead: nothing to let go of
        }
        assertThat(file).as("the file appears only once complete").doesNotExist();

        try (Connection connection = Connection.open(data, CrashWorker.config())) {
            assertThat(connection.tableNames()).isEmpty();
            CrashWorker.createTables(connection);
        }
        assertThat(CrashWorker.difference(CrashWorker.expectedModel(SEED, 0), readDirectory(data)))
                .isNull();
    }

    /** Attaches to a JVM started with a JDWP agent listening on {@code port}. */
    private static VirtualMachine attach(int port) throws Exception {
        AttachingConnector connector = Bootstrap.virtualMachineManager().attachingConnectors().stream()
                .filter(c -> c.transport().name().equals("dt_socket"))
                .findFirst()
                .orElseThrow();
        Map<String, Connector.Argument> arguments = connector.defaultArguments();
        arguments.get("hostname").setValue("127.0.0.1");
        arguments.get("port").setValue(Integer.toString(port));
        return connector.attach(arguments);
    }

    /**
     * Lets a JVM suspended under JDWP run until the first call of {@code className.method}, and returns the name
     * of the calling method; the JVM is left suspended there.
     */
    private static String stopAtFirstCall(VirtualMachine vm, String className, String method) throws Exception {
        EventRequestManager requests = vm.eventRequestManager();
        ClassPrepareRequest prepare = requests.createClassPrepareRequest();
        prepare.addClassFilter(className);
        prepare.enable();
        vm.resume();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            EventSet events = vm.eventQueue().remove(1000);
            if (events == null) {
                continue;
            }
            for (Event event : events) {
                if (event instanceof ClassPrepareEvent prepared) {
                    Method target =
                            prepared.referenceType().methodsByName(method).get(0);
                    BreakpointRequest breakpoint = requests.createBreakpointRequest(target.location());
                    breakpoint.setSuspendPolicy(EventRequest.SUSPEND_ALL);
                    breakpoint.enable();
                } else if (event instanceof BreakpointEvent hit) {
                    return hit.thread().frame(1).location().method().name();
                }
            }
            events.resume();
        }
        throw new AssertionError("the breakpoint was never hit");
    }

    /** The directory, at {@code round}, takes two more rounds, a checkpoint between them, and a close. */
    private static void continueWriting(Path data, int round) throws IOException {
        try (Connection connection = Connection.open(data, CrashWorker.config())) {
            assertThat(CrashWorker.lastRound(connection)).isEqualTo(round);
            int next = round + 1;
            if (next == 0) {
                CrashWorker.createTables(connection);
            } else {
                CrashWorker.applyRound(connection, SEED, next);
            }
            connection.checkpoint();
            CrashWorker.applyRound(connection, SEED, next + 1);
        }
        Map<String, TreeMap<byte[], byte[]>> reopened = readDirectory(data);
        assertThat(CrashWorker.difference(CrashWorker.expectedModel(SEED, round + 2), reopened))
                .as("after two more rounds")
                .isNull();
        assertThat(CorruptionTest.FileMap.read(data.resolve(Connection.FILE_NAME))
                        .unaccountedSpace())
                .as("space neither live nor free")
                .isEmpty();
    }
}
