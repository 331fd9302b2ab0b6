package io.github.jawait.benchmarks.macro;

import java.util.concurrent.locks.LockSupport;

/**
 * The floor under the sleep scenario (issue 17): what a programmer would write by hand for
 * "n tasks each sleeping, gathered" on one thread, with no library at all. Each sleeper is one
 * hand-written state machine object (task and frame in one: a state, its deadline, its parent
 * and its slot); the loop is a ready ring and a timer FIFO (equal delays arrive in deadline
 * order, as jawait's timer FIFO exploits); the gather is a result array and a countdown. It
 * does what jawait's run does, step for step: every sleeper's first step runs from the ready
 * queue and arms its timer, the loop waits for the first deadline, pops the due timers into the
 * ready queue, and each second step hands a result to the gather. Only the sleep scenario has a
 * floor; the others measure jawait against its peers.
 *
 * <p>{@code floorShaped} is the same floor with jawait's memory shape: each sleeper is two
 * objects of 40 bytes, a task-like one that the loop queues and a frame-like one holding the
 * state machine's label and what it awaits, and each step touches both, as a jawait task and
 * its frame are. What it costs over the floor is what jawait's bytes and objects cost; what
 * jawait costs over it is jawait's path (see docs/benchmarks.md, "Where the 1M sleepers' gap
 * is").
 */
public final class FloorContender implements Contender {
    private final boolean shaped;

    /** The floor; {@code shaped}: with jawait's memory shape (see the class comment). */
    public FloorContender(boolean shaped) {
        this.shaped = shaped;
    }

    @Override
    public long sleepers(int n, double seconds, Runnable probe) {
        long t0 = System.nanoTime();
        MiniLoop loop = new MiniLoop();
        Gather all = new Gather(n);
        long nanos = (long) (seconds * 1e9);
        for (int i = 0; i < n; i++) {
            loop.ready(shaped ? new ShapedSleeper(all, i, nanos) : new Sleeper(all, i, nanos));
        }
        if (probe != null) {
            loop.runReady(); // every first step: all sleepers are parked in their timers
            probe.run();
        }
        loop.runUntil(all);
        long t = System.nanoTime() - t0;
        JawaitContender.check(all.results.length == n && all.pending == 0, "gathered " + (n - all.pending) + " of " + n);
        return t;
    }

    /** The loop runs on the calling thread. */
    @Override
    public long workThreadId() {
        return Thread.currentThread().getId();
    }

    /** A step the loop can run: the resume function of a hand-written state machine. */
    abstract static class Step {
        abstract void resume(MiniLoop loop);
    }

    /** {@code async def sleeper(): await sleep(s)}, by hand: state 0 arms the timer, state 1 returns. */
    static class Sleeper extends Step {
        final Gather parent;
        final int slot;
        long deadline; // the sleep's duration until armed, then its deadline
        private int state;

        Sleeper(Gather parent, int slot, long nanos) {
            this.parent = parent;
            this.slot = slot;
            this.deadline = nanos;
        }

        @Override
        void resume(MiniLoop loop) {
            if (state == 0) {
                state = 1;
                deadline += System.nanoTime();
                loop.arm(this);
            } else {
                parent.childDone(slot, null);
            }
        }
    }

    /**
     * A sleeper in jawait's shape: 40 bytes (the task's size) and a 40-byte frame (the size of
     * jawait's frame for {@code sleeper(double)}) with the label and what it awaits, both touched
     * on each step. The plain floor never makes one: its loop's calls see one receiver type, as before.
     */
    static final class ShapedSleeper extends Sleeper {
        /** Stands for the shared sleep object a jawait frame stores as what it awaits. */
        private static final Object SLEEP = new Object();

        private final Frame frame;

        ShapedSleeper(Gather parent, int slot, long nanos) {
            super(parent, slot, nanos);
            frame = new Frame();
        }

        @Override
        void resume(MiniLoop loop) {
            Frame f = frame;
            if (f.label == 0) {
                f.label = 1;
                f.awaiting = SLEEP;
                deadline += System.nanoTime();
                loop.arm(this);
            } else {
                f.awaiting = null;
                f.label = -1;
                parent.childDone(slot, null);
            }
        }

        /** The frame-like half: 40 bytes, as jawait's {@code InlineFrames$P1}. */
        static final class Frame {
            int label;
            byte state;
            Object method;
            Object awaiting;
            Object caller;
            double argument;
        }
    }

    /** {@code gather(...)}: one result slot per child and a countdown. */
    static final class Gather {
        final Object[] results;
        int pending;

        Gather(int n) {
            results = new Object[n];
            pending = n;
        }

        void childDone(int slot, Object value) {
            results[slot] = value;
            pending--;
        }
    }

    /** One thread's loop: a ring of ready steps and a FIFO ring of armed sleepers. */
    static final class MiniLoop {
        private Step[] ready = new Step[1024];
        private int readyHead;
        private int readyTail;
        private Sleeper[] timers = new Sleeper[1024];
        private int timerHead;
        private int timerTail;

        void ready(Step s) {
            if (readyTail - readyHead == ready.length) {
                ready = grow(ready, readyHead, readyTail, new Step[ready.length * 2]);
                readyTail -= readyHead;
                readyHead = 0;
            }
            ready[readyTail++ & (ready.length - 1)] = s;
        }

        void arm(Sleeper s) {
            if (timerTail - timerHead == timers.length) {
                timers = grow(timers, timerHead, timerTail, new Sleeper[timers.length * 2]);
                timerTail -= timerHead;
                timerHead = 0;
            }
            timers[timerTail++ & (timers.length - 1)] = s;
        }

        private static <T> T[] grow(T[] ring, int head, int tail, T[] bigger) {
            for (int i = head; i < tail; i++) {
                bigger[i - head] = ring[i & (ring.length - 1)];
            }
            return bigger;
        }

        /** Runs the steps ready now (not those they make ready), as one loop turn. */
        void runReady() {
            for (int k = readyTail - readyHead; k > 0; k--) {
                int i = readyHead++ & (ready.length - 1);
                Step s = ready[i];
                ready[i] = null;
                s.resume(this);
            }
        }

        void runUntil(Gather g) {
            while (g.pending > 0) {
                runReady();
                if (readyHead != readyTail || g.pending == 0) {
                    continue;
                }
                if (timerHead == timerTail) {
                    throw new IllegalStateException("nothing ready, no timer, gather pending");
                }
                long wait = timers[timerHead & (timers.length - 1)].deadline - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue; // parkNanos may return early
                }
                long now = System.nanoTime();
                while (timerHead != timerTail) {
                    int i = timerHead & (timers.length - 1);
                    Sleeper s = timers[i];
                    if (s.deadline > now) {
                        break;
                    }
                    timers[i] = null;
                    timerHead++;
                    ready(s);
                }
            }
        }
    }

    private static UnsupportedOperationException onlySleep() {
        return new UnsupportedOperationException("the floor contender has the sleep scenarios only");
    }

    @Override
    public long yields(int n) {
        throw onlySleep();
    }

    @Override
    public long handoffs(int n) {
        throw onlySleep();
    }

    @Override
    public long spawns(int n) {
        throw onlySleep();
    }

    @Override
    public long awaitCompleted(int n) {
        throw onlySleep();
    }

    @Override
    public long chain(int depth, int n) {
        throw onlySleep();
    }

    @Override
    public long timersArmCancel(int n) {
        throw onlySleep();
    }

    @Override
    public long timersArmAllThenCancel(int n) {
        throw onlySleep();
    }
}
