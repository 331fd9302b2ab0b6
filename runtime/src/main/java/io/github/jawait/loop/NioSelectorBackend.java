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
    public int poll(long timeoutNanos) throws IOException {
        if (timeoutNanos <= 0) {
            return selector.selectNow(dispatch);
        }
        if (timeoutNanos == Long.MAX_VALUE) {
            return selector.select(dispatch, 0);
        }
        // the selector counts in milliseconds: round up, or a timer due in 0.3 ms would spin
        long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999));
        return selector.select(dispatch, millis);
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
