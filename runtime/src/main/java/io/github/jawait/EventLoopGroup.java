package io.github.jawait;

import io.github.jawait.io.ConnectionHandler;
import io.github.jawait.io.GroupServer;
import io.github.jawait.io.StreamOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A loop per core: {@code N} event loops, each on a thread of its own, created and closed
 * together (Netty's {@code EventLoopGroup}; asyncio has no counterpart). Work is spread by
 * {@link #submit(Supplier) submit} (round-robin) or {@link #submit(Object, Supplier) by key}, so
 * that related tasks share a loop and never need a lock. Each loop stays single-threaded and
 * confined: a task of one loop that awaits a task of another gets the outcome through its own
 * loop's inbox.
 *
 * <pre>{@code
 * try (var group = new EventLoopGroup()) {                 // one loop per available processor
 *     CompletableFuture<String> f = group.submit(() -> fetch("a"));    // made and run on a loop
 *     String body = f.join();                              // from a plain thread; await(f) from a loop
 * }   // close(): stops every loop, cancels what is left, waits for the threads
 * }</pre>
 *
 * <p>The work is a supplier, called on the chosen loop's thread: a coroutine belongs to the
 * loop it runs on, so it is made there. The loops' threads are daemon threads named
 * {@code <name>-<index>}.
 */
public final class EventLoopGroup implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("io.github.jawait");
    private static final AtomicInteger GROUPS = new AtomicInteger();

    private final String name;
    private final EventLoop[] loops;
    private final Thread[] threads;
    /** What ended a loop's thread early; written by that thread, read after joining it. */
    private final Throwable[] failures;
    private final AtomicInteger next = new AtomicInteger();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private volatile boolean closed;

    /** One loop per available processor. */
    public EventLoopGroup() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** {@code size} loops, on threads named {@code jawait-group-<n>-<index>}. */
    public EventLoopGroup(int size) {
        this(size, "jawait-group-" + GROUPS.incrementAndGet());
    }

    /** {@code size} loops on system clocks, on threads named {@code <name>-<index>}. */
    public EventLoopGroup(int size, String name) {
        this(size, name, LoopClock::system);
    }

    /**
     * {@code size} loops, each reading time from a clock of {@code clocks} (called once per
     * loop, on its thread; a {@link VirtualClock} each in tests).
     */
    public EventLoopGroup(int size, String name, Supplier<? extends LoopClock> clocks) {
        if (size < 1) {
            throw new IllegalArgumentException("an event loop group needs at least one loop, not " + size);
        }
        this.name = Objects.requireNonNull(name, "name");
        Objects.requireNonNull(clocks, "clocks");
        this.loops = new EventLoop[size];
        this.threads = new Thread[size];
        this.failures = new Throwable[size];
        CountDownLatch started = new CountDownLatch(size);
        for (int i = 0; i < size; i++) {
            int index = i;
            threads[i] = new Thread(() -> runLoop(index, clocks, started), name + "-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
        awaitUninterruptibly(started);
        for (int i = 0; i < size; i++) {
            if (loops[i] == null) { // its thread failed before its loop existed
                close();
                throw new IllegalStateException("event loop thread '" + threads[i].getName()
                        + "' could not start its loop", failures[i]);
            }
        }
    }

    /** The body of loop {@code index}'s thread: make the loop, run it until close(), close it. */
    private void runLoop(int index, Supplier<? extends LoopClock> clocks, CountDownLatch started) {
        EventLoop loop;
        try {
            loop = new EventLoop(clocks.get());
            loops[index] = loop;
        } catch (Throwable t) {
            failures[index] = t;
            return;
        } finally {
            started.countDown();
        }
        try {
            loop.runForever();
        } catch (Throwable t) {
            failures[index] = t;
            LOG.log(System.Logger.Level.ERROR, "event loop thread '" + Thread.currentThread().getName()
                    + "' of " + name + " failed; its tasks are cancelled, the group goes on", t);
        } finally {
            try {
                loop.close(); // cancels what is left, runs their finally blocks
            } catch (Throwable t) {
                if (failures[index] == null) {
                    failures[index] = t;
                } else {
                    failures[index].addSuppressed(t);
                }
            }
        }
    }

    /** How many loops the group has. */
    public int size() {
        return loops.length;
    }

    /**
     * Loop {@code index}. From another thread only its thread-safe methods work
     * ({@link EventLoop#callSoonThreadsafe}, {@link EventLoop#submit}); the others say which
     * thread the loop belongs to.
     */
    public EventLoop loop(int index) {
        return loops[Objects.checkIndex(index, loops.length)];
    }

    /** The group's loops, in index order. */
    public List<EventLoop> loops() {
        return List.of(loops);
    }

    /** The next loop in round-robin order. */
    public EventLoop next() {
        return loops[Math.floorMod(next.getAndIncrement(), loops.length)];
    }

    /**
     * The loop for {@code key}: the same loop for equal keys for the group's whole life (and
     * across runs, for keys whose {@code hashCode} is stable, as String's and Integer's are).
     */
    public EventLoop loopFor(Object key) {
        int h = Objects.requireNonNull(key, "key").hashCode();
        h ^= h >>> 16; // let the high bits count too, as HashMap does
        return loops[Math.floorMod(h, loops.length)];
    }

    /**
     * Any thread: runs the coroutine {@code work} makes, as a task of the next loop in
     * round-robin order (asyncio's {@code run_coroutine_threadsafe}). {@code work} is called on
     * that loop's thread. The future completes with the task's outcome: block on it from a plain
     * thread, or {@code await} it from any loop (its outcome then crosses through the awaiting
     * loop's inbox). Cancelling the future cancels the task; a task awaiting the future and
     * cancelled does not cancel it, unless it awaits {@code wrapFuture(future)}, as in asyncio.
     *
     * @throws IllegalStateException if the group is closed
     */
    public <T> CompletableFuture<T> submit(Supplier<? extends Coroutine<T>> work) {
        return submitTo(next(), work);
    }

    /** Like {@link #submit(Supplier)}, on {@link #loopFor(Object) the loop of} {@code key}. */
    public <T> CompletableFuture<T> submit(Object key, Supplier<? extends Coroutine<T>> work) {
        return submitTo(loopFor(key), work);
    }

    private <T> CompletableFuture<T> submitTo(EventLoop loop, Supplier<? extends Coroutine<T>> work) {
        Objects.requireNonNull(work, "submit(null)");
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        return Submission.start(loop, work);
    }

    /**
     * Any thread: a TCP server whose connections are spread over the group's loops. Loop 0
     * listens and hands each accepted connection to the next loop in round-robin order, whose
     * thread then owns the socket and runs {@code handler} for it (see {@link GroupServer}).
     */
    public CompletableFuture<GroupServer> startServer(ConnectionHandler handler, String host, int port) {
        return startServer(handler, host, port, StreamOptions.defaults());
    }

    /** {@link #startServer(ConnectionHandler, String, int)} with options. */
    public CompletableFuture<GroupServer> startServer(ConnectionHandler handler, String host, int port,
            StreamOptions options) {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        return GroupServer.start(this, handler, host, port, options);
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Completes (normally, whatever the loops' fate) once {@link #close()} has stopped and
     * closed every loop and their threads have ended: Netty's {@code terminationFuture()}.
     */
    public CompletableFuture<Void> whenClosed() {
        return terminated;
    }

    /**
     * Stops every loop after its current turn, closes each on its own thread (cancelling the
     * tasks left and letting their {@code finally} blocks run) and waits for the threads to end.
     * Idempotent. If a loop's thread failed (an {@code Error} escaped its loop), that failure
     * is thrown here, the others added as suppressed, once all threads have ended.
     *
     * @throws IllegalStateException if called from one of the group's own loops, which would
     *         wait for itself
     */
    @Override
    public void close() {
        Thread me = Thread.currentThread();
        for (Thread t : threads) {
            if (t == me) {
                throw new IllegalStateException("EventLoopGroup.close() called from its own loop thread '"
                        + me.getName() + "', which it would wait for; close the group from another thread");
            }
        }
        if (closed) {
            return;
        }
        closed = true;
        for (EventLoop loop : loops) {
            if (loop == null) {
                continue;
            }
            try {
                loop.callSoonThreadsafe(loop::stop);
            } catch (IllegalStateException alreadyClosed) {
                // its thread failed and closed it
            }
        }
        for (Thread t : threads) {
            joinUninterruptibly(t);
        }
        terminated.complete(null);
        IllegalStateException failed = null;
        for (int i = 0; i < threads.length; i++) {
            if (failures[i] == null) {
                continue;
            }
            if (failed == null) {
                failed = new IllegalStateException("event loop thread '" + threads[i].getName() + "' of "
                        + name + " failed: " + failures[i], failures[i]);
            } else {
                failed.addSuppressed(failures[i]);
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "<EventLoopGroup " + name + " loops=" + loops.length + (closed ? " closed" : "") + ">";
    }
}
