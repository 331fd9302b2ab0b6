package io.github.jawait.loop;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The only door into the loop from other threads ({@code callSoonThreadsafe}). Posting is
 * lock-free; the poster wakes the loop thread only when the loop is actually asleep, so a busy
 * loop pays no system call per message. The loop sleeps either parked (no I/O watched: the
 * cheapest wake-up) or in its {@link IoBackend}'s poll, which {@link IoBackend#wakeup} ends.
 */
public final class Inbox {
    private static final int AWAKE = 0;
    private static final int PARKED = 1;
    private static final int POLLING = 2;

    private final ConcurrentLinkedQueue<Runnable> messages = new ConcurrentLinkedQueue<>();
    private final Thread loopThread;
    private volatile int sleeping;
    private volatile IoBackend io;
    private volatile boolean closed;
    /** Posts under way: between their check of {@code closed} and their add. */
    private final AtomicInteger posting = new AtomicInteger();

    /**
     * A message that must run even if the loop closes before its turn: it only hands an outcome
     * on to another loop (whose task would otherwise wait forever). {@link #close} returns them.
     */
    public interface Handoff extends Runnable {
    }

    public Inbox(Thread loopThread) {
        this.loopThread = loopThread;
    }

    /**
     * Any thread: queue {@code r} for the loop and wake the loop if it sleeps.
     *
     * @throws IllegalStateException once the loop is closed
     */
    public void post(Runnable r) {
        // close() waits until no post is between its check and its add, so a message is either
        // refused here or in the queue close() drains. (Taking a message back after a late
        // add would remove an equal one another thread posted: the same lambda posted twice.)
        posting.getAndIncrement();
        try {
            if (closed) {
                throw new IllegalStateException("event loop is closed");
            }
            messages.add(r);
        } finally {
            posting.getAndDecrement();
        }
        int how = sleeping;
        if (how == PARKED) {
            LockSupport.unpark(loopThread);
        } else if (how == POLLING) {
            io.wakeup();
        }
    }

    /** Loop thread: move every posted message to the ready queue. */
    public void drainTo(ReadyQueue ready) {
        Runnable r;
        while ((r = messages.poll()) != null) {
            ready.add(r);
        }
    }

    /**
     * Loop thread, as the loop closes: refuse further messages and return the
     * {@link Handoff}s among those not run yet (the others are dropped, as asyncio drops the
     * callbacks of a closed loop). A poster racing with this either sees its message drained
     * here or gets the refusal.
     */
    public List<Handoff> close() {
        closed = true;
        while (posting.get() != 0) {
            Thread.onSpinWait(); // a post that saw the inbox open finishes its add
        }
        List<Handoff> left = new ArrayList<>(0);
        Runnable r;
        while ((r = messages.poll()) != null) {
            if (r instanceof Handoff h) {
                left.add(h);
            }
        }
        return left;
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    /**
     * Loop thread: sleep until a message arrives or {@code timeoutNanos} pass
     * ({@code Long.MAX_VALUE} = no timeout). Spurious returns are fine: the loop just turns.
     */
    public void sleep(long timeoutNanos) {
        sleeping = PARKED;
        try {
            if (!messages.isEmpty()) {
                return;
            }
            if (timeoutNanos == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else if (timeoutNanos > 0) {
                LockSupport.parkNanos(this, timeoutNanos);
            }
        } finally {
            sleeping = AWAKE;
        }
    }

    /**
     * Loop thread: wait in {@code backend}'s poll (which runs the handlers of ready channels)
     * until a channel is ready, a message arrives, or {@code timeoutNanos} pass.
     */
    public void sleepIn(IoBackend backend, long timeoutNanos) throws IOException {
        io = backend;
        sleeping = POLLING;
        try {
            backend.poll(messages.isEmpty() ? timeoutNanos : 0);
        } finally {
            sleeping = AWAKE;
        }
    }

    @Override
    public String toString() {
        return "Inbox[" + messages.size() + " messages, loop thread " + loopThread.getName()
                + (sleeping != AWAKE ? ", sleeping" : "") + "]";
    }
}
