package io.github.jawait.sync;

/**
 * Thrown by {@link Barrier#waitFor()} when the barrier is aborted, or reset while the task
 * waits in it. asyncio's {@code BrokenBarrierError}.
 */
public class BrokenBarrierError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public BrokenBarrierError(String message) {
        super(message);
    }
}
