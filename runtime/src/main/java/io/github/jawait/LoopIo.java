package io.github.jawait;

import io.github.jawait.loop.IoBackend;
import io.github.jawait.loop.NioSelectorBackend;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/**
 * The loop's I/O part: asyncio's {@code add_reader}/{@code add_writer} over an
 * {@link IoBackend}, made on first use so that a loop that never touches a channel keeps its
 * park-based sleep and pays nothing. Each watched channel has one {@link Watch} holding its
 * reader and writer callbacks; the loop asks {@link #active()} to know whether I/O may be
 * waiting, and then polls once per turn.
 */
final class LoopIo {
    private static final System.Logger LOG = System.getLogger("io.github.jawait");

    private final EventLoop loop;
    private IoBackend backend;
    /** Channels with a reader or a writer: while there are any, every loop turn polls. */
    private int active;
    /** Holds taken by a backend's other users (another library's sockets on it): they poll too. */
    private int holds;

    LoopIo(EventLoop loop) {
        this.loop = loop;
    }

    /** Whether any channel is watched now. */
    boolean active() {
        return active > 0;
    }

    IoBackend backend() {
        if (backend == null) {
            backend = new NioSelectorBackend();
        }
        return backend;
    }

    /**
     * The backend, installing {@code factory}'s when there is none yet (a loop that already
     * polls a selector keeps it).
     */
    IoBackend backend(java.util.function.Supplier<? extends IoBackend> factory) {
        if (backend == null) {
            backend = Objects.requireNonNull(factory.get(), "the IoBackend factory returned null");
        }
        return backend;
    }

    /** Another user of the backend needs polling (true) or no longer does (false). */
    void hold(boolean take) {
        if (!take && holds == 0) {
            throw new IllegalStateException("releaseIo() without holdIo()");
        }
        if (take && backend == null) {
            throw new IllegalStateException("holdIo(): the loop has no IoBackend yet");
        }
        holds += take ? 1 : -1;
        loop.ioWatched = active > 0 || holds > 0;
    }

    /** A backend exists (some channel was registered once). */
    IoBackend backendOrNull() {
        return backend;
    }

    void addReader(SelectableChannel channel, Runnable callback) {
        watch(channel).set(true, Objects.requireNonNull(callback, "callback"));
    }

    boolean removeReader(SelectableChannel channel) {
        Watch w = existing(channel);
        return w != null && w.set(true, null);
    }

    void addWriter(SelectableChannel channel, Runnable callback) {
        watch(channel).set(false, Objects.requireNonNull(callback, "callback"));
    }

    boolean removeWriter(SelectableChannel channel) {
        Watch w = existing(channel);
        return w != null && w.set(false, null);
    }

    boolean hasReader(SelectableChannel channel) {
        Watch w = existing(channel);
        return w != null && w.reader != null;
    }

    boolean hasWriter(SelectableChannel channel) {
        Watch w = existing(channel);
        return w != null && w.writer != null;
    }

    private Watch existing(SelectableChannel channel) {
        return backend == null ? null : (Watch) backend.handler(channel);
    }

    private Watch watch(SelectableChannel channel) {
        Objects.requireNonNull(channel, "channel");
        if (channel.isBlocking()) {
            throw new IllegalArgumentException(channel + " is in blocking mode; the loop watches"
                    + " non-blocking channels only: call configureBlocking(false) first");
        }
        if (!channel.isOpen()) {
            throw new IllegalArgumentException(channel + " is closed");
        }
        Watch w = existing(channel);
        return w != null ? w : new Watch(channel);
    }

    /** Stops watching {@code channel} and closes it, releasing its socket at once. */
    void closeChannel(SelectableChannel channel) throws java.io.IOException {
        Watch w = existing(channel);
        if (w != null) {
            w.set(true, null);
            w.set(false, null);
        }
        if (backend != null) {
            backend.close(channel);
        } else {
            channel.close();
        }
    }

    void close() {
        if (backend != null) {
            backend.close();
            active = 0;
            holds = 0;
            loop.ioWatched = false;
        }
    }

    /** One channel's reader and writer; the backend's handler for it. */
    private final class Watch implements IoBackend.Handler {
        private final SelectableChannel channel;
        private Runnable reader;
        private Runnable writer;

        Watch(SelectableChannel channel) {
            this.channel = channel;
        }

        /** Sets (or clears, with null) the reader or the writer; true if one was there before. */
        boolean set(boolean read, Runnable callback) {
            boolean wasActive = reader != null || writer != null;
            boolean had;
            if (read) {
                had = reader != null;
                reader = callback;
            } else {
                had = writer != null;
                writer = callback;
            }
            boolean nowActive = reader != null || writer != null;
            try {
                backend().interest(channel, ops(), this);
            } catch (ClosedChannelException closed) {
                reader = null;
                writer = null;
                nowActive = false;
                if (callback != null) {
                    adjust(wasActive, false);
                    throw new IllegalArgumentException(channel + " is closed");
                }
            }
            adjust(wasActive, nowActive);
            return had;
        }

        private void adjust(boolean wasActive, boolean nowActive) {
            if (wasActive != nowActive) {
                active += nowActive ? 1 : -1;
                loop.ioWatched = active > 0 || holds > 0; // mirrored for the yield fast path: one load, no indirection
            }
        }

        private int ops() {
            int ops = 0;
            int valid = channel.validOps();
            if (reader != null) {
                ops |= valid & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT);
            }
            if (writer != null) {
                // a connect in progress is "writable" when it completes, as in asyncio's sock_connect
                boolean connecting = channel instanceof SocketChannel s && s.isConnectionPending();
                ops |= connecting ? SelectionKey.OP_CONNECT : valid & SelectionKey.OP_WRITE;
            }
            return ops;
        }

        @Override
        public void ready(int readyOps) {
            Runnable r = reader;
            if (r != null && (readyOps & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0) {
                run(r);
            }
            Runnable w = writer;
            if (w != null && (readyOps & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0) {
                run(w);
            }
        }

        private void run(Runnable callback) {
            try {
                callback.run();
            } catch (Throwable t) {
                if (t instanceof VirtualMachineError vme) {
                    throw vme;
                }
                LOG.log(System.Logger.Level.ERROR, "exception in I/O callback " + callback
                        + " for " + channel, t);
            }
        }
    }
}
