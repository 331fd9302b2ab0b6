package io.github.jawait.loop;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The only door into the loop from other threads ({@code callSoonThreadsafe}). Posting is
 * lock-free; the poster wakes the loop thread only when the loop is actually asleep, so a busy
 * loop pays no system call per message.
 */
public final class Inbox {
    private final ConcurrentLinkedQueue<Runnable> messages = new ConcurrentLinkedQueue<>();
    private final Thread loopThread;
    private volatile boolean sleeping;

    public Inbox(Thread loopThread) {
        this.loopThread = loopThread;
    }

    /** Any thread: queue {@code r} for the loop and wake the loop if it sleeps. */
    public void post(Runnable r) {
        messages.add(r);
        if (sleeping) {
            LockSupport.unpark(loopThread);
        }
    }

    /** Loop thread: move every posted message to the ready queue. */
    public void drainTo(ReadyQueue ready) {
        Runnable r;
        while ((r = messages.poll()) != null) {
            ready.add(r);
        }
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    /**
     * Loop thread: sleep until a message arrives or {@code timeoutNanos} pass
     * ({@code Long.MAX_VALUE} = no timeout). Spurious returns are fine: the loop just turns.
     */
    public void sleep(long timeoutNanos) {
        sleeping = true;
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
            sleeping = false;
        }
    }

    @Override
    public String toString() {
        return "Inbox[" + messages.size() + " messages, loop thread " + loopThread.getName()
                + (sleeping ? ", sleeping" : "") + "]";
    }
}
