package io.github.jawait;

/**
 * Thrown when a method that the jawait agent refused to rewrite is called. The message names
 * the class, the method, the source line and the reason, for example {@code await inside
 * synchronized}. The agent also logs the same message when the class loads.
 *
 * <pre>{@code
 * @Async Coroutine<Void> bad() { synchronized (lock) { await(sleep(1)); } return done(); }
 * bad();   // throws AsyncTransformError: Demo.bad (Demo.java:12): await inside synchronized ...
 * }</pre>
 */
public class AsyncTransformError extends Error {
    private static final long serialVersionUID = 1L;

    public AsyncTransformError(String message) {
        super(message);
    }
}
