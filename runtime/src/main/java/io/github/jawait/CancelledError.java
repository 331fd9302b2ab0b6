package io.github.jawait;

/**
 * Thrown at a task's current {@code await} when the task is cancelled ({@link Task#cancel()}),
 * asyncio's {@code CancelledError}.
 *
 * <pre>{@code
 * try { await(sleep(10)); }
 * catch (CancelledError e) { log("cancelled"); throw e; }   // re-throw, as in asyncio
 * }</pre>
 *
 * <p>It extends {@link Error}, not {@link Exception}, on purpose (like {@code ThreadDeath} and
 * Python's {@code BaseException}): {@code catch (Exception e)} must not swallow a cancellation.
 */
public class CancelledError extends Error {
    private static final long serialVersionUID = 1L;

    public CancelledError() {
        super();
    }

    public CancelledError(String message) {
        super(message);
    }
}
