package io.github.jawait.io;

/**
 * One read of a {@link StreamReader} ({@code read}, {@code readExactly}, {@code readUntil},
 * {@code readLine}): takes its bytes from the reader's buffer if they are there; otherwise it
 * becomes the reader's one waiter and is retried each time data or the end of the stream
 * arrives (see {@link IoOperation}). A task cancelled while waiting takes nothing: the buffer
 * keeps every byte.
 *
 * <p>{@link #attempt()} takes what it needs from the reader and calls {@link #succeed}, or
 * throws its failure (which ends it too); it returns false when it must wait for more data.
 */
abstract class ReadOperation<T> extends IoOperation<T> {
    final StreamReader reader;

    ReadOperation(StreamReader reader) {
        this.reader = reader;
    }

    @Override
    abstract boolean attempt();

    @Override
    void startWaiting() {
        reader.becomeWaiter(this); // throws if another read waits
    }

    @Override
    void stopWaiting() {
        reader.waiterDone(this);
    }

    @Override
    String name() {
        return "StreamReader." + describe();
    }
}
