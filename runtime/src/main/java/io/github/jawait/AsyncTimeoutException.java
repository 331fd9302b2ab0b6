package io.github.jawait;

import java.math.BigDecimal;
import java.time.Duration;

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

    /** {@code 2 s}, {@code 0.25 s}: a delay in seconds, as asyncio users write it. */
    static String describe(Duration d) {
        if (d == null) {
            return "no deadline";
        }
        BigDecimal seconds = BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
        return seconds.stripTrailingZeros().toPlainString() + " s";
    }
}
