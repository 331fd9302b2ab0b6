package io.github.jawait.sync;

/**
 * Thrown by {@link Queue#getNowait()} when the queue holds no item, asyncio's
 * {@code QueueEmpty}.
 *
 * <pre>{@code
 * try {
 *     handle(queue.getNowait());
 * } catch (QueueEmpty e) { idle(); }                // nothing there: do something else
 * }</pre>
 *
 * <p>Unchecked, like every jawait exception, so that {@code getNowait()} reads like Python.
 */
public class QueueEmpty extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueueEmpty() {
        super("queue is empty");
    }
}
