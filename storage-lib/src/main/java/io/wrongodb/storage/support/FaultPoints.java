package io.wrongodb.storage.support;

/**
 * Named places where a test can make the process die as if killed with SIGKILL, to prove that a crash at that
 * exact point loses nothing that was durable. A child JVM is started with {@code -Dwrongodb.fault=<name>} and, when
 * it reaches that point, halts at once: no shutdown hooks, no flush, exit status 137.
 *
 * <p>Points in the checkpoint: {@code checkpoint.after-pages} (pages written, nothing synced),
 * {@code checkpoint.after-extent-list} (extent list written), {@code checkpoint.after-sync} (data synced, slot not
 * written), {@code checkpoint.torn-slot} (half of the new slot written), {@code checkpoint.after-slot} (slot
 * written, not synced).
 */
public final class FaultPoints {
    /** Exit status of a halted process, as for SIGKILL (128 + 9). */
    public static final int HALT_STATUS = 137;

    private static final String ARMED = System.getProperty("wrongodb.fault", "");

    private FaultPoints() {}

    /** Halts the process here if the test armed this point. */
    public static void reach(String name) {
        if (ARMED.equals(name)) {
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }

    /** True if the test armed this point; for faults that must do something odd (a torn write) before halting. */
    public static boolean armed(String name) {
        return ARMED.equals(name);
    }
}
