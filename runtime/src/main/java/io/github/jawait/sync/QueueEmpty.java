package io.github.jawait.sync;

/**
 * Thrown by {@link Queue#getNowait()} when the queue holds no item, asyncio's
 * {@code QueueEmpty}.
 *
 * <pre>{@code
 * try { handle(queue.getNowait()); }
 * catch (QueueEmpty e) { idle(); }
 * }</pre>
 */
public class QueueEmpty extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueueEmpty() {
        super("queue is empty");
    }
}
