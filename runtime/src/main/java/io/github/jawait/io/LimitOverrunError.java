package io.github.jawait.io;

/**
 * A line or a {@code readUntil} chunk grew past the reader's limit (asyncio's
 * {@code LimitOverrunError}): the peer sent more than the application accepts in one piece.
 * {@link #consumed()} says how many bytes were examined.
 */
public final class LimitOverrunError extends RuntimeException {
    private final int consumed;

    public LimitOverrunError(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    public int consumed() {
        return consumed;
    }
}
