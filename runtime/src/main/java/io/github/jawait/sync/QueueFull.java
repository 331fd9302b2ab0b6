package io.github.jawait.sync;

/**
 * Thrown by {@link Queue#putNowait} when the queue already holds {@code maxsize} items,
 * asyncio's {@code QueueFull}.
 *
 * <pre>{@code
 * try {
 *     queue.putNowait(sample);
 * } catch (QueueFull e) { dropped++; }              // no room: shed load instead of waiting
 * }</pre>
 */
public class QueueFull extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueueFull(int maxsize) {
        super("queue is full (maxsize " + maxsize + ")");
    }
}
