package io.github.jawait.io;

/**
 * Settings of a connection or a server, immutable; each {@code with}-style method returns a
 * changed copy. The defaults are asyncio's: a 64 KiB line limit, a 64 KiB high and 16 KiB low
 * write-buffer water mark, {@code TCP_NODELAY} on, a listen backlog of 100.
 *
 * <pre>{@code
 * var options = StreamOptions.defaults().limit(1 << 20).writeBufferLimits(256 * 1024, 64 * 1024);
 * }</pre>
 */
public final class StreamOptions {
    private static final StreamOptions DEFAULTS = new StreamOptions(StreamReader.DEFAULT_LIMIT,
            StreamWriter.DEFAULT_HIGH_WATER, StreamWriter.DEFAULT_HIGH_WATER / 4, true, 100, true);

    private final int limit;
    private final int highWater;
    private final int lowWater;
    private final boolean noDelay;
    private final int backlog;
    private final boolean reuseAddress;

    private StreamOptions(int limit, int highWater, int lowWater, boolean noDelay, int backlog, boolean reuseAddress) {
        this.limit = limit;
        this.highWater = highWater;
        this.lowWater = lowWater;
        this.noDelay = noDelay;
        this.backlog = backlog;
        this.reuseAddress = reuseAddress;
    }

    public static StreamOptions defaults() {
        return DEFAULTS;
    }

    /** The reader's limit for a line or a {@code readUntil} chunk (asyncio's {@code limit=}). */
    public StreamOptions limit(int bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + bytes);
        }
        return new StreamOptions(bytes, highWater, lowWater, noDelay, backlog, reuseAddress);
    }

    /** When {@code drain()} starts waiting ({@code high}) and when it stops ({@code low}). */
    public StreamOptions writeBufferLimits(int high, int low) {
        if (high < low || low < 0) {
            throw new IllegalArgumentException("high (" + high + ") must be >= low (" + low + ") must be >= 0");
        }
        return new StreamOptions(limit, high, low, noDelay, backlog, reuseAddress);
    }

    /** {@code TCP_NODELAY}: on by default, as in asyncio. */
    public StreamOptions noDelay(boolean on) {
        return new StreamOptions(limit, highWater, lowWater, on, backlog, reuseAddress);
    }

    /** A server's listen backlog, and how many connections it accepts per readiness event. */
    public StreamOptions backlog(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("backlog must be positive: " + n);
        }
        return new StreamOptions(limit, highWater, lowWater, noDelay, n, reuseAddress);
    }

    /** {@code SO_REUSEADDR} on a server's sockets: on by default, as in asyncio on Unix. */
    public StreamOptions reuseAddress(boolean on) {
        return new StreamOptions(limit, highWater, lowWater, noDelay, backlog, on);
    }

    public int limit() {
        return limit;
    }

    public int highWater() {
        return highWater;
    }

    public int lowWater() {
        return lowWater;
    }

    public boolean noDelay() {
        return noDelay;
    }

    public int backlog() {
        return backlog;
    }

    public boolean reuseAddress() {
        return reuseAddress;
    }
}
