package io.github.jawait.sync;

import io.github.jawait.EventLoop;

/**
 * What every primitive shares: it binds to the event loop of the first task that awaits it
 * (asyncio's {@code _LoopBoundMixin}), and from then on refuses calls from any other thread
 * with a message that says what to do instead.
 *
 * <p>A primitive bound to a loop that has since been closed, and that nobody waits on, rebinds
 * to the next loop that uses it, so a primitive kept in a field survives several
 * {@code Asyncio.run} calls made one after the other.
 */
abstract class LoopBound {
    private EventLoop loop;
    private Thread thread;

    /** For an awaiting operation (run by a task): the running loop, bound on first use. */
    final EventLoop bind(String operation) {
        EventLoop running = EventLoop.current();
        if (loop != running) {
            if (loop != null && !(loop.isClosed() && !hasWaiters())) {
                checkThread(operation);
                throw new IllegalStateException(this + " is bound to a different event loop: " + loop
                        + "; a primitive serves the tasks of one loop at a time");
            }
            loop = running;
            thread = Thread.currentThread();
        }
        return running;
    }

    /** For every public operation: fails unless called on the thread of the bound loop. */
    final void checkThread(String operation) {
        Thread owner = thread;
        if (owner != null && owner != Thread.currentThread() && !loop.isClosed()) {
            throw new IllegalStateException(getClass().getSimpleName() + "." + operation
                    + "() called from thread '" + Thread.currentThread().getName() + "', but this "
                    + getClass().getSimpleName() + " belongs to the event loop of thread '"
                    + owner.getName() + "'; jawait primitives are not thread-safe: reach them from"
                    + " another thread through loop.callSoonThreadsafe(...) or loop.submit(...)");
        }
    }

    /** Whether some task is parked on this primitive. */
    abstract boolean hasWaiters();
}
