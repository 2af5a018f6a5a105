package io.wrongodb.query;

/**
 * How a long read learns that its command must stop: the command layer installs a check for the running thread
 * (its {@code maxTimeMS} deadline, a {@code killOp}), and every document scan calls {@link #check} as it goes, which
 * throws the error that ends the command. A thread with no check installed (the TTL monitor, tests) is never
 * stopped. Scans run inside transactions, so a stopped write rolls back whole.
 */
public final class Interruptions {
    private static final ThreadLocal<Runnable> CHECK = new ThreadLocal<>();

    private Interruptions() {}

    /** Installs {@code check} for the current thread until {@link #clear}. */
    public static void install(Runnable check) {
        CHECK.set(check);
    }

    public static void clear() {
        CHECK.remove();
    }

    /** Runs the current thread's check, which throws if the command must stop. */
    static void check() {
        Runnable check = CHECK.get();
        if (check != null) {
            check.run();
        }
    }
}
