package io.github.jawait.postgres;

import io.github.jawait.EventLoop;
import io.github.jawait.loop.IoBackend;
import io.netty.channel.EventLoopGroup;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.impl.transports.NioTransport;
import io.vertx.core.impl.transports.TransportInternal;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A Vert.x instance whose one event loop is the jawait loop's thread: Vert.x is given a NIO
 * transport whose I/O event-loop group is a single Netty {@code ManualIoEventLoop}, and the
 * jawait loop polls it as its {@link IoBackend} ({@link NettyLoopBackend}). Made for a loop on
 * its first connect, closed with the loop. While a connection or pool uses it, the loop holds
 * its I/O polling ({@link EventLoop#holdIo()}), so it waits in the selector, not in a park.
 *
 * <p>Off with {@code -Djawait.postgres.vertx=threads}, and when the loop already polls a
 * selector of its own (it watched a channel before its first connect): then the sockets run on
 * the process-wide {@link SharedVertx} threads and results cross into the loop's inbox.
 */
final class LoopVertx {
    private final EventLoop loop;
    private final NettyLoopBackend backend;
    private final Vertx vertx;

    private LoopVertx(EventLoop loop, NettyLoopBackend backend) {
        this.loop = loop;
        this.backend = backend;
        NioTransport onTheLoop = new NioTransport() {
            @Override
            public EventLoopGroup eventLoopGroup(int type, int nThreads, ThreadFactory threadFactory, int ioRatio) {
                if (type == IO_EVENT_LOOP_GROUP) {
                    return backend.group();
                }
                return super.eventLoopGroup(type, nThreads, threadFactory, ioRatio); // acceptors: unused by a client
            }
        };
        vertx = Vertx.builder()
                .with(new VertxOptions().setEventLoopPoolSize(1))
                .withTransport(new TransportInternal("jawait-loop", true, null, onTheLoop))
                .build();
        backend.beforeClose(this::closeVertx);
        ContextInternal context = (ContextInternal) vertx.getOrCreateContext();
        backend.aroundTurns(turns -> () -> {
            // Vert.x marks each callback it runs on a thread of another kind with a ThreadLocal
            // set and removed per callback; with this dispatch open, nested ones only swap a field
            ContextInternal previous = context.beginDispatch();
            try {
                turns.run();
            } finally {
                context.endDispatch(previous);
            }
        });
    }

    /** Whether connections run their sockets on the loop thread ({@code jawait.postgres.vertx}, default {@code loop}). */
    static boolean enabled() {
        String mode = System.getProperty("jawait.postgres.vertx", "loop").trim();
        return switch (mode) {
            case "loop" -> true;
            case "threads" -> false;
            default -> throw new IllegalArgumentException("jawait.postgres.vertx must be loop or threads: " + mode);
        };
    }

    /** The current loop's instance, made on first use; null when the loop already has another backend. */
    static LoopVertx forCurrentLoop() {
        EventLoop loop = EventLoop.current();
        Thread owner = Thread.currentThread();
        NettyLoopBackend[] made = new NettyLoopBackend[1];
        IoBackend b = loop.ioBackend(() -> made[0] = new NettyLoopBackend(owner));
        if (!(b instanceof NettyLoopBackend nb)) {
            return null;
        }
        synchronized (INSTANCES) {
            LoopVertx lv = INSTANCES.get(nb);
            if (lv == null) {
                lv = new LoopVertx(loop, nb);
                INSTANCES.put(nb, lv);
            }
            return lv;
        }
    }

    private static final java.util.Map<NettyLoopBackend, LoopVertx> INSTANCES = new java.util.WeakHashMap<>();

    /** A use of this instance: the loop polls its I/O until the lease is released. Loop thread. */
    VertxLease lease() {
        loop.holdIo();
        return new VertxLease(vertx, loop::releaseIo);
    }

    /** At loop close: Vert.x's close needs its event loop, so the Netty loop runs until it is done. */
    private void closeVertx() {
        synchronized (INSTANCES) {
            INSTANCES.remove(backend);
        }
        io.vertx.core.Future<Void> closing = vertx.close();
        backend.runUntil(closing::isComplete, TimeUnit.SECONDS.toNanos(5));
    }
}
