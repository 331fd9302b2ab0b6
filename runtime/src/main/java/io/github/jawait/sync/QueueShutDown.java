package io.github.jawait.sync;

/**
 * Thrown by a {@link Queue} that was {@link Queue#shutdown(boolean) shut down}: by puts, and
 * by gets once the queue is empty. asyncio's {@code QueueShutDown} (Python 3.13).
 *
 * <pre>{@code
 * try {
 *     while (true) { handle(await(queue.get())); }
 * } catch (QueueShutDown e) { return done(); }     // the producer called queue.shutdown()
 * }</pre>
 */
public class QueueShutDown extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueueShutDown() {
        super("queue is shut down");
    }
}
