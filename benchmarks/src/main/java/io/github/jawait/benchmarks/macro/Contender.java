package io.github.jawait.benchmarks.macro;

/**
 * One implementation of the issue #6 scenarios: jawait, virtual threads or CompletableFuture.
 * Every method runs the whole scenario and returns its wall time in nanoseconds.
 */
interface Contender {

    /**
     * {@code n} tasks each sleeping {@code seconds}, gathered. With a {@code probe}, calls it
     * once every task is suspended in its sleep (the probe measures the heap and may halt).
     */
    long sleepers(int n, double seconds, Runnable probe) throws Exception;

    /** One task yielding to the scheduler {@code n} times. */
    long yields(int n) throws Exception;

    /** Two tasks handing a value back and forth: {@code n} handoffs ({@code n/2} round trips). */
    long handoffs(int n) throws Exception;

    /** Starting a trivial child task and awaiting it, {@code n} times in sequence. */
    long spawns(int n) throws Exception;

    /** Awaiting an already-completed coroutine/future {@code n} times. */
    long awaitCompleted(int n) throws Exception;

    /** A chain of async calls {@code depth} deep whose leaf yields {@code n} times. */
    long chain(int depth, int n) throws Exception;

    /** {@code n} timeouts, each armed and then cancelled before expiry. */
    long timersArmCancel(int n) throws Exception;

    /** {@code n} timeouts all armed, then all cancelled. */
    long timersArmAllThenCancel(int n) throws Exception;

    /** Entries left in the timer queue after the last timer scenario, or -1 when unknown. */
    default long timerQueueSize() {
        return -1;
    }

    /** The platform thread the scenarios allocate on, for allocation counting; -1: unknown. */
    default long workThreadId() {
        return -1;
    }

    /** Extra variants of the handoff scenario that only this contender has. */
    default void handoffExtras(int n, Macro.Rounds rounds) throws Exception {
    }

    /** Extra variants of the await scenario that only this contender has. */
    default void extras(int n, Macro.Rounds rounds) throws Exception {
    }
}
