package io.github.jawait.io;

import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Settings of a connection or a server, immutable; each {@code with}-style method returns a
 * changed copy. The defaults are asyncio's: a 64 KiB line limit, a 64 KiB high and 16 KiB low
 * write-buffer water mark, {@code TCP_NODELAY} on, a listen backlog of 100, no TLS.
 *
 * <pre>{@code
 * var options = StreamOptions.defaults().limit(1 << 20).writeBufferLimits(256 * 1024, 64 * 1024);
 * var tls = StreamOptions.defaults().ssl(SSLContext.getDefault());     // asyncio's ssl=
 * }</pre>
 */
public final class StreamOptions implements Cloneable {
    private static final StreamOptions DEFAULTS = new StreamOptions();

    private int limit = StreamReader.DEFAULT_LIMIT;
    private int highWater = StreamWriter.DEFAULT_HIGH_WATER;
    private int lowWater = StreamWriter.DEFAULT_HIGH_WATER / 4;
    private boolean noDelay = true;
    private int backlog = 100;
    private boolean reuseAddress = true;
    private SSLContext ssl;
    private String serverHostname;
    private boolean checkHostname = true;

    private StreamOptions() {
    }

    public static StreamOptions defaults() {
        return DEFAULTS;
    }

    private StreamOptions copy() {
        try {
            return (StreamOptions) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    /** The reader's limit for a line or a {@code readUntil} chunk (asyncio's {@code limit=}). */
    public StreamOptions limit(int bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + bytes);
        }
        StreamOptions o = copy();
        o.limit = bytes;
        return o;
    }

    /** When {@code drain()} starts waiting ({@code high}) and when it stops ({@code low}). */
    public StreamOptions writeBufferLimits(int high, int low) {
        if (high < low || low < 0) {
            throw new IllegalArgumentException("high (" + high + ") must be >= low (" + low + ") must be >= 0");
        }
        StreamOptions o = copy();
        o.highWater = high;
        o.lowWater = low;
        return o;
    }

    /** {@code TCP_NODELAY}: on by default, as in asyncio. */
    public StreamOptions noDelay(boolean on) {
        StreamOptions o = copy();
        o.noDelay = on;
        return o;
    }

    /** A server's listen backlog, and how many connections it accepts per readiness event. */
    public StreamOptions backlog(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("backlog must be positive: " + n);
        }
        StreamOptions o = copy();
        o.backlog = n;
        return o;
    }

    /** {@code SO_REUSEADDR} on a server's sockets: on by default, as in asyncio on Unix. */
    public StreamOptions reuseAddress(boolean on) {
        StreamOptions o = copy();
        o.reuseAddress = on;
        return o;
    }

    /**
     * TLS through {@code context}'s {@link javax.net.ssl.SSLEngine}: asyncio's {@code ssl=}.
     * {@code openConnection} completes once the handshake has; a server runs its handler once
     * the client's handshake has. A client checks the server's certificate against the host
     * name ({@link #serverHostname}) unless {@link #checkHostname(boolean) checkHostname(false)}.
     */
    public StreamOptions ssl(SSLContext context) {
        StreamOptions o = copy();
        o.ssl = Objects.requireNonNull(context, "context");
        return o;
    }

    /**
     * The name a TLS client sends as SNI and checks the server's certificate against:
     * asyncio's {@code server_hostname=}. By default, the host passed to {@code openConnection}.
     */
    public StreamOptions serverHostname(String name) {
        if (name != null && name.isEmpty()) {
            throw new IllegalArgumentException("serverHostname must not be empty; use checkHostname(false)"
                    + " to accept a certificate for another name");
        }
        StreamOptions o = copy();
        o.serverHostname = name;
        return o;
    }

    /**
     * Whether a TLS client checks that the server's certificate is for the host name (the
     * {@code "HTTPS"} endpoint identification): on by default, as asyncio's
     * {@code check_hostname}. Turning it off still checks the certificate chain.
     */
    public StreamOptions checkHostname(boolean on) {
        StreamOptions o = copy();
        o.checkHostname = on;
        return o;
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

    /** The TLS context, or null for plain TCP. */
    public SSLContext ssl() {
        return ssl;
    }

    /** The TLS server name set with {@link #serverHostname(String)}, or null for the connection's host. */
    public String serverHostname() {
        return serverHostname;
    }

    public boolean checkHostname() {
        return checkHostname;
    }
}
