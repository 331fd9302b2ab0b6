package io.github.jawait.io;

/**
 * The stream ended before a {@code readExactly} or {@code readUntil} was satisfied
 * (asyncio's {@code IncompleteReadError}); {@link #partial()} holds the bytes that did arrive,
 * which the reader no longer buffers. Unchecked, like all of jawait's exceptions, so that it
 * can be caught around an {@code await}.
 */
public final class IncompleteReadError extends RuntimeException {
    private final transient byte[] partial;
    private final Integer expected;

    public IncompleteReadError(byte[] partial, Integer expected) {
        super(partial.length + " bytes read on a total of "
                + (expected == null ? "undefined" : expected) + " expected bytes");
        this.partial = partial.clone();
        this.expected = expected;
    }

    /** The bytes read before the end of the stream. */
    public byte[] partial() {
        return partial.clone();
    }

    /** How many bytes were expected; null for {@code readUntil}. */
    public Integer expected() {
        return expected;
    }
}
