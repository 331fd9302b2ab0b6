package io.github.jawait.io;

import io.github.jawait.EventLoop;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;

/**
 * One socket operation ({@code sockRecv}, {@code sockSendAll}, {@code sockConnect},
 * {@code sockAccept}): the coroutine the call returns and, while its task waits, the loop's
 * reader or writer callback for the channel. It waits by watching the channel in its
 * direction; each readiness event retries (see {@link IoOperation} for the life it shares with
 * the stream and datagram operations). Only one operation per direction may wait on a channel.
 */
abstract class ChannelOperation<T> extends IoOperation<T> implements Runnable {
    final EventLoop loop;
    final SelectableChannel selectable;
    private final boolean reads;

    ChannelOperation(EventLoop loop, SelectableChannel selectable, boolean reads) {
        this.loop = loop;
        this.selectable = selectable;
        this.reads = reads;
    }

    @Override
    void checkOpen() throws IOException {
        if (!selectable.isOpen()) {
            throw new ClosedChannelException();
        }
    }

    @Override
    void startWaiting() {
        if (reads ? loop.hasReader(selectable) : loop.hasWriter(selectable)) {
            throw new IllegalStateException("another operation is already "
                    + (reads ? "reading from " : "writing to ") + selectable
                    + "; await one operation per direction at a time");
        }
        if (reads) {
            loop.addReader(selectable, this);
        } else {
            loop.addWriter(selectable, this);
        }
    }

    @Override
    void stopWaiting() {
        if (reads) {
            loop.removeReader(selectable);
        } else {
            loop.removeWriter(selectable);
        }
    }

    /** Readiness: try again. */
    @Override
    public final void run() {
        retry();
    }
}
