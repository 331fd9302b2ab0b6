package io.github.jawait.io;

import io.github.jawait.EventLoop;
import io.github.jawait.EventLoopGroup;
import io.github.jawait.Task;
import io.github.jawait.loop.Inbox;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A TCP server spread over the loops of an {@link io.github.jawait.EventLoopGroup}: the first
 * loop listens and hands each accepted connection to the next loop in round-robin order; that
 * loop's thread owns the socket from then on and runs the handler for it, with a reader and a
 * writer of its own loop (what {@code EventLoopGroup.startServer} returns).
 *
 * <p>Why one acceptor and not a listener per loop with {@code SO_REUSEPORT}: it behaves the
 * same on every OS (Windows has no {@code SO_REUSEPORT}; macOS and the BSDs have it without the
 * kernel's load balancing, so one loop would get every connection), and it spreads connections
 * evenly and predictably (Linux spreads them by a hash of the peer's address and port, so a few
 * connections can land on one loop). Its cost is one inbox message per connection, not per byte:
 * the acceptor is busy only while connections are being opened.
 *
 * <p>Thread-safe: every method may be called from any thread.
 */
public final class GroupServer implements AutoCloseable {
    private final List<EventLoop> loops;
    /** Worker {@code k} is made on, and only touched by, loop {@code k}'s thread. */
    private final Server[] workers;
    private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();
    /** Set on the acceptor loop before {@link #start}'s future completes, which publishes them. */
    private Server acceptor;
    private List<InetSocketAddress> addresses;
    /** Acceptor loop only. */
    private int nextLoop;
    private volatile boolean closing;

    private GroupServer(List<EventLoop> loops) {
        this.loops = loops;
        this.workers = new Server[loops.size()];
    }

    /**
     * Makes a worker on each loop of {@code group}, then listens on the first; completes once it
     * listens. {@code EventLoopGroup.startServer} calls this.
     */
    public static CompletableFuture<GroupServer> start(EventLoopGroup group, ConnectionHandler handler,
            String host, int port, StreamOptions options) {
        List<EventLoop> loops = group.loops();
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(options, "options");
        if (loops.isEmpty()) {
            throw new IllegalArgumentException("a group server needs at least one loop");
        }
        GroupServer gs = new GroupServer(loops);
        // when the group closes, its loops and every connection on them are gone
        group.whenClosed().thenRun(() -> gs.closedFuture.complete(null));
        CompletableFuture<?>[] made = new CompletableFuture<?>[loops.size()];
        for (int k = 0; k < loops.size(); k++) {
            int index = k;
            EventLoop loop = loops.get(k);
            CompletableFuture<Void> f = new CompletableFuture<>();
            made[k] = f;
            loop.callSoonThreadsafe(() -> {
                gs.workers[index] = Server.adopting(loop, handler, options);
                f.complete(null);
            });
        }
        CompletableFuture<GroupServer> listening = new CompletableFuture<>();
        EventLoop first = loops.get(0);
        CompletableFuture.allOf(made).whenComplete((v, e) -> first.callSoonThreadsafe(() -> {
            Task<Server> t;
            try {
                t = first.createTask(Streams.startServer(first, handler, host, port, options, gs::dispatch),
                        "group server on port " + port);
            } catch (RuntimeException failed) {
                listening.completeExceptionally(failed);
                return;
            }
            t.addDoneCallback(done -> {
                if (done.cancelled()) {
                    listening.cancel(false);
                } else if (done.exception() != null) {
                    listening.completeExceptionally(done.exception());
                } else {
                    gs.acceptor = done.result();
                    gs.addresses = List.copyOf(gs.acceptor.addresses());
                    listening.complete(gs);
                }
            });
        }));
        return listening;
    }

    /** Acceptor loop: hand {@code ch} to the next loop, which serves it on its own thread. */
    private void dispatch(SocketChannel ch) {
        int k = nextLoop;
        nextLoop = (k + 1) % loops.size();
        try {
            // a Handoff: if loop k closes before its turn, adopt still runs and closes the socket
            loops.get(k).callSoonThreadsafe((Inbox.Handoff) () -> workers[k].adopt(ch));
        } catch (IllegalStateException loopClosed) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // refusing it anyway
            }
        }
    }

    /** The addresses the server listens on (port 0 resolved to the port it got). */
    public List<InetSocketAddress> addresses() {
        return addresses;
    }

    /** The port of the first listener: what port 0 picked. */
    public int port() {
        return addresses.get(0).getPort();
    }

    /** How many loops serve connections. */
    public int loopCount() {
        return loops.size();
    }

    /**
     * Stops listening (on the acceptor loop, soon); connections already accepted go on until
     * their handlers end. Idempotent; any thread. {@link #waitClosed()} tells when all is done.
     */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        int[] pending = {loops.size()};
        Runnable oneClosed = () -> {
            synchronized (pending) {
                if (--pending[0] > 0) {
                    return;
                }
            }
            closedFuture.complete(null);
        };
        EventLoop first = loops.get(0);
        post(first, () -> {
            acceptor.close(); // first, so no connection is handed to a closed worker
            for (int k = 0; k < loops.size(); k++) {
                int index = k;
                // queued behind the connections this loop has handed to loop k already
                if (!post(loops.get(k), () -> {
                    workers[index].close();
                    workers[index].onClosed(oneClosed);
                })) {
                    oneClosed.run(); // that loop is closed, and its connections with it
                }
            }
        });
    }

    private boolean post(EventLoop loop, Runnable r) {
        try {
            loop.callSoonThreadsafe(r);
            return true;
        } catch (IllegalStateException loopClosed) {
            if (loop == loops.get(0)) {
                closedFuture.complete(null); // the acceptor's loop is gone: nothing listens
            }
            return false;
        }
    }

    /**
     * Completes once the server is closed and the handler of every connection it accepted has
     * ended, or once its group is closed: await it from a loop, or block on it from a plain
     * thread.
     */
    public CompletableFuture<Void> waitClosed() {
        return closedFuture;
    }

    @Override
    public String toString() {
        return "<GroupServer " + addresses + " on " + loops.size() + " loops" + (closing ? " closed" : "") + ">";
    }
}
