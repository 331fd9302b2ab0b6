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

    /** What {@code cancel(msg)} was given, as it was (asyncio's {@code args[0]}); null if nothing. */
    private final transient Object messageObject;

    public CancelledError() {
        super();
        this.messageObject = null;
    }

    public CancelledError(String message) {
        super(message);
        this.messageObject = message;
    }

    /**
     * A cancellation carrying any object, as asyncio's {@code CancelledError(msg)} does;
     * {@link #getMessage()} is its {@code String.valueOf}, {@link #messageObject()} the object.
     */
    public CancelledError(Object message) {
        super(message == null ? null : String.valueOf(message));
        this.messageObject = message;
    }

    /**
     * The object given to {@code Task.cancel(msg)} as it was (a {@code String}, an enum, a
     * record...), null when cancelled without one. {@link #getMessage()} gives its text.
     */
    public Object messageObject() {
        return messageObject;
    }
}
