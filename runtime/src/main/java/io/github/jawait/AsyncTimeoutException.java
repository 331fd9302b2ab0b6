package io.github.jawait;

/**
 * A deadline passed: raised by {@link Asyncio#waitFor} and {@link Asyncio#timeout} after the
 * work inside was cancelled and finished its cleanup (asyncio's {@code TimeoutError}).
 *
 * <pre>{@code
 * try { String s = await(waitFor(slowOperation(), Duration.ofSeconds(2))); }
 * catch (AsyncTimeoutException e) { System.out.println("Operation timed out!"); }
 * }</pre>
 *
 * <p>Unchecked, so that it can be caught around an {@code await}, which declares nothing.
 */
public class AsyncTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AsyncTimeoutException(String message) {
        super(message);
    }

    public AsyncTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
