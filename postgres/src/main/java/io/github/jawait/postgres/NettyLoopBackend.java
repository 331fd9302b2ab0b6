package io.github.jawait.postgres;

import io.github.jawait.loop.IoBackend;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoRegistration;
import io.netty.channel.ManualIoEventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.nio.NioIoOps;
import io.netty.channel.nio.NioSelectableChannelIoHandle;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A jawait {@link IoBackend} that is Netty 4.2's {@link ManualIoEventLoop} with an
 * {@link NioIoHandler}: one selector, polled by the jawait loop's thread, serves both the loop's
 * own channels ({@code addReader}/{@code addWriter}, streams) and the Netty channels of a
 * Vert.x instance whose event loop is this one ({@link LoopVertx}). So a query's bytes are
 * written and its result is read on the thread of the task that awaits it: no hand-off.
 */
final class NettyLoopBackend implements IoBackend {
    /** The group Vert.x is given: one {@link ManualIoEventLoop} owned by the jawait loop's thread. */
    static final class Group extends MultiThreadIoEventLoopGroup {
        private static final Executor NO_THREADS = task -> {
            throw new IllegalStateException("the loop-driven Netty event loop starts no thread");
        };

        Group(Thread owner) {
            super(1, NO_THREADS, NioIoHandler.newFactory(), owner);
        }

        @Override
        protected IoEventLoop newChild(Executor executor, IoHandlerFactory factory, Object... args) {
            return new ManualIoEventLoop(this, (Thread) args[0], factory);
        }

        ManualIoEventLoop loop() {
            return (ManualIoEventLoop) next();
        }
    }

    private final Group group;
    private final ManualIoEventLoop netty;
    private final Map<SelectableChannel, Watch> watches = new HashMap<>();
    /** Handlers run by the current poll. */
    private int handled;
    /** Closed at {@link #close()}, before the Netty loop: it needs the loop to shut down. */
    private Runnable beforeClose;
    /** Wraps the loop's turns inside the FastThreadLocal scope (Vert.x's dispatch), or null. */
    private java.util.function.UnaryOperator<Runnable> aroundTurns;

    NettyLoopBackend(Thread owner) {
        group = new Group(owner);
        netty = group.loop();
    }

    Group group() {
        return group;
    }

    void beforeClose(Runnable hook) {
        beforeClose = hook;
    }

    void aroundTurns(java.util.function.UnaryOperator<Runnable> wrap) {
        aroundTurns = wrap;
    }

    /**
     * The loop's thread is not one Netty made, so Netty would keep its buffers in magazines
     * shared between threads (taken under a lock), its recyclers off, and its thread-locals in a
     * {@code ThreadLocal}: while the loop runs, the thread counts as Netty's own
     * ({@link FastThreadLocalThread#runWithFastThreadLocal}, whose thread-locals are dropped when
     * the run ends). Inside, {@link LoopVertx} keeps one Vert.x dispatch open, so that each
     * callback does not set and remove a {@code ThreadLocal} of Vert.x's.
     */
    @Override
    public void runTurns(Runnable turns) {
        java.util.function.UnaryOperator<Runnable> wrap = aroundTurns;
        Runnable run = wrap == null ? turns : wrap.apply(turns);
        if (FastThreadLocalThread.currentThreadHasFastThreadLocal()) {
            run.run(); // a Netty thread already, or inside such a scope: nothing to add
        } else {
            FastThreadLocalThread.runWithFastThreadLocal(run);
        }
    }

    /** One jawait channel registered with Netty's selector. */
    private final class Watch extends NioSelectableChannelIoHandle<SelectableChannel> {
        Handler handler;
        IoRegistration registration;
        int ops;

        Watch(SelectableChannel channel, Handler handler) {
            super(channel);
            this.handler = handler;
        }

        @Override
        protected void handle(SelectableChannel channel, SelectionKey key) {
            handled++;
            handler.ready(key.readyOps());
        }

        @Override
        protected void deregister(SelectableChannel channel) {
            // the registration is cancelled by forget(); nothing else to undo
        }
    }

    @Override
    public void interest(SelectableChannel channel, int ops, Handler handler) throws ClosedChannelException {
        Watch w = watches.get(channel);
        if (w == null) {
            if (!channel.isOpen()) {
                throw new ClosedChannelException();
            }
            w = new Watch(channel, handler);
            Future<IoRegistration> r = netty.register(w); // on the owner thread: done at once
            if (!r.isSuccess()) {
                ClosedChannelException e = new ClosedChannelException();
                e.initCause(r.cause());
                throw e;
            }
            w.registration = r.getNow();
            watches.put(channel, w);
        }
        w.handler = handler;
        if (w.ops != ops) {
            w.registration.submit(NioIoOps.valueOf(ops));
            w.ops = ops;
        }
    }

    @Override
    public int interest(SelectableChannel channel) {
        Watch w = watches.get(channel);
        return w == null ? 0 : w.ops;
    }

    @Override
    public Handler handler(SelectableChannel channel) {
        Watch w = watches.get(channel);
        return w == null ? null : w.handler;
    }

    @Override
    public void forget(SelectableChannel channel) {
        Watch w = watches.remove(channel);
        if (w != null) {
            w.registration.cancel();
        }
    }

    /**
     * Cancels the key and closes the channel; the OS socket is released when the selector next
     * runs, which is this loop turn's poll (the NIO backend forces a {@code selectNow} at once;
     * Netty keeps its selector to itself).
     */
    @Override
    public void close(SelectableChannel channel) throws IOException {
        forget(channel);
        channel.close();
    }

    @Override
    public int poll(long timeoutNanos) {
        handled = 0;
        int tasks;
        if (timeoutNanos <= 0) {
            tasks = netty.runNow();
        } else {
            // ManualIoEventLoop: 0 means "block without limit"
            tasks = netty.run(timeoutNanos == Long.MAX_VALUE ? 0 : timeoutNanos);
        }
        return Math.max(handled, tasks);
    }

    @Override
    public void wakeup() {
        netty.wakeup();
    }

    @Override
    public void close() {
        List<SelectableChannel> open = new ArrayList<>(watches.keySet());
        for (SelectableChannel c : open) {
            try {
                close(c);
            } catch (IOException e) {
                System.getLogger("io.github.jawait").log(System.Logger.Level.DEBUG, "closing " + c, e);
            }
        }
        Runnable hook = beforeClose;
        beforeClose = null;
        if (hook != null) {
            hook.run();
        }
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!netty.isTerminated() && System.nanoTime() < deadline) {
            netty.run(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** Runs the Netty loop until {@code done} holds or {@code timeoutNanos} pass (closing Vert.x). */
    void runUntil(java.util.function.BooleanSupplier done, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            netty.run(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
