package io.github.jawait.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@link IoBackend} over the JDK's {@link Selector} (epoll on Linux). The handler rides on the
 * {@link SelectionKey} as its attachment, so finding it costs nothing, and readiness is
 * delivered through {@link Selector#select(Consumer, long)}, which allocates nothing per event
 * (no selected-key set to iterate and clear, the cost Netty removes by reflection).
 */
public final class NioSelectorBackend implements IoBackend {
    private final Selector selector;
    private final Consumer<SelectionKey> dispatch = NioSelectorBackend::dispatch;

    public NioSelectorBackend() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a java.nio Selector", e);
        }
    }

    @Override
    public void interest(SelectableChannel channel, int ops, Handler handler) throws ClosedChannelException {
        SelectionKey key = channel.keyFor(selector);
        if (key == null || !key.isValid()) {
            channel.register(selector, ops, handler);
        } else if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    @Override
    public int interest(SelectableChannel channel) {
        SelectionKey key = channel.keyFor(selector);
        try {
            return key == null ? 0 : key.interestOps();
        } catch (CancelledKeyException gone) {
            return 0;
        }
    }

    @Override
    public Handler handler(SelectableChannel channel) {
        SelectionKey key = channel.keyFor(selector);
        return key == null || !key.isValid() ? null : (Handler) key.attachment();
    }

    @Override
    public void forget(SelectableChannel channel) {
        SelectionKey key = channel.keyFor(selector);
        if (key != null) {
            key.cancel();
        }
    }

    @Override
    public void close(SelectableChannel channel) throws IOException {
        SelectionKey key = channel.keyFor(selector);
        channel.close();
        if (key != null) {
            if (polling) {
                releaseAfterPoll = true; // a handler closed it: release once the poll is over
            } else {
                releaseClosed();
            }
        }
    }

    /**
     * Lets the selector deregister cancelled keys, which closes their sockets. The epoll
     * selector is level-triggered, so the readiness this empty poll drops is reported again.
     */
    private void releaseClosed() throws IOException {
        releaseAfterPoll = false;
        selector.selectNow(IGNORE);
    }

    private static final Consumer<SelectionKey> IGNORE = key -> { };
    private boolean polling;
    private boolean releaseAfterPoll;

    @Override
    public int poll(long timeoutNanos) throws IOException {
        polling = true;
        int n;
        try {
            if (timeoutNanos <= 0) {
                n = selector.selectNow(dispatch);
            } else if (timeoutNanos == Long.MAX_VALUE) {
                n = selector.select(dispatch, 0);
            } else {
                // the selector counts in milliseconds: round up, or a timer due in 0.3 ms would spin
                long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999));
                n = selector.select(dispatch, millis);
            }
        } finally {
            polling = false;
        }
        if (releaseAfterPoll) {
            releaseClosed();
        }
        return n;
    }

    private static void dispatch(SelectionKey key) {
        int ops;
        try {
            ops = key.readyOps() & key.interestOps();
        } catch (CancelledKeyException closedMeanwhile) {
            return; // an earlier handler of this poll closed the channel
        }
        if (ops != 0) {
            ((Handler) key.attachment()).ready(ops);
        }
    }

    @Override
    public void wakeup() {
        selector.wakeup();
    }

    @Override
    public void close() {
        for (SelectionKey key : selector.keys().toArray(new SelectionKey[0])) {
            try {
                key.channel().close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }

    @Override
    public String toString() {
        return "NioSelectorBackend[" + selector.keys().size() + " channels]";
    }
}
