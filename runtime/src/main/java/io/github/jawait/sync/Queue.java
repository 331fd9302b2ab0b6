package io.github.jawait.sync;

import io.github.jawait.Coroutine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A first-in, first-out queue between tasks, asyncio's {@code Queue}: {@code put} waits while
 * the queue is full, {@code get} while it is empty.
 *
 * <pre>{@code
 * Queue<String> jobs = new Queue<>(100);       // at most 100 items waiting (0: no limit)
 * await(jobs.put("job-1"));                    // producer; waits while the queue is full
 * String job = await(jobs.get());              // consumer; waits while it is empty
 * }</pre>
 *
 * <p>Waiting producers and consumers are served in arrival order, and no item is ever lost to
 * a cancellation: an item put while a task waits in {@link #get()} goes straight to that task
 * (so {@link #qsize()} never counts it and no {@link #getNowait()} can snatch it); if that task
 * is cancelled before it runs, its get raises {@code CancelledError} and the item goes to the
 * next getter in line (one woken after it and not run yet takes it instead of its own newer
 * item, which moves on the same way), or back to the front of the queue (asyncio). A blocked {@link #put}
 * whose turn comes is kept a slot (the queue counts as full for others) and its item enters
 * when its task runs; cancelled before that, or while still blocked, it puts nothing.
 *
 * <p>{@link #taskDone()} and {@link #join()} count unfinished items as in asyncio, and
 * {@link #shutdown(boolean)} works as in Python 3.13. Items may be null (except in a
 * {@link PriorityQueue}).
 *
 * @param <T> the items
 */
public sealed class Queue<T> extends LoopBound permits LifoQueue, PriorityQueue {
    private static final Object NULL = new Object();

    private final int maxsize;
    /** The stored items (masked); unused by PriorityQueue, which keeps a heap. */
    final ArrayDeque<Object> items = new ArrayDeque<>();
    private final WaitQueue<T> getters = new WaitQueue<>();
    /** Blocked puts; each is bound to its (masked) item, which a grant hands back to it. */
    private final WaitQueue<Object> putters = new WaitQueue<>();
    private final WaitQueue<Void> joiners = new WaitQueue<>();
    private int unfinished;
    /** Slots kept for woken puts whose tasks have not run yet; they count as full. */
    private int reservedSlots;
    private boolean shutdown;
    private boolean shutdownImmediately;
    /** How many items at the front of {@link #items} were given back by cancelled getters. */
    int restoredAtFront;

    // the fast paths of the awaiting operations, run when a call is first awaited
    private final Operation.Begin<Object> beginPut = new Operation.Begin<>("Queue.put", putters) {
        @Override
        boolean mustWait(Operation<Object> op) {
            bind("put");
            if (shutdown) {
                throw new QueueShutDown();
            }
            if (isFull()) {
                return true;
            }
            enqueue(op.argument());
            op.succeedNow(null);
            return false;
        }

        /** A woken put's task runs: its item (granted back to it) takes the slot kept for it. */
        @Override
        Object taken(Operation<Object> op, Object masked) {
            reservedSlots--;
            if (shutdown) {
                throw new QueueShutDown();
            }
            enqueue(masked);
            return null;
        }

        /** Its task was cancelled before it ran: nothing is put, the slot goes to the next put. */
        @Override
        void revoked(Operation<Object> op, Object masked) {
            reservedSlots--;
            grantSlot();
        }
    };
    private final Operation.Begin<T> beginGet = new Operation.Begin<>("Queue.get", getters) {
        @Override
        boolean mustWait(Operation<T> op) {
            bind("get");
            if (size() > 0) {
                op.succeedNow(takeItem());
                return false;
            }
            if (shutdown) {
                throw new QueueShutDown();
            }
            return true;
        }

        /**
         * Its task was cancelled before it ran. asyncio leaves items in the queue until a getter
         * runs, so the older item goes to the next getter in line: each get woken after this one
         * and not run yet takes the item before its own, and the last one left over goes to the
         * first waiting getter, or back in front of the queue.
         */
        @Override
        void revoked(Operation<T> op, T item) {
            if (shutdownImmediately) {
                itemDropped();
                return;
            }
            for (Operation<T> after = op.next; after != null && !after.parked(); after = after.next) {
                if (after.grantedUnread()) {
                    item = after.regrant(item);
                }
            }
            if (getters.isEmpty() || getters.wakeFirst(item) == null) {
                restore(mask(item));
            }
        }
    };
    private final Operation.Begin<Void> beginJoin = new Operation.Begin<>("Queue.join", joiners) {
        @Override
        boolean mustWait(Operation<Void> op) {
            bind("join");
            if (unfinished > 0) {
                return true;
            }
            op.succeedNow(null);
            return false;
        }
    };

    /** An unbounded queue. */
    public Queue() {
        this(0);
    }

    /** A queue holding at most {@code maxsize} items; zero or less means no limit. */
    public Queue(int maxsize) {
        this.maxsize = maxsize;
    }

    /**
     * Puts {@code item} at the end of the queue, waiting while the queue is full.
     *
     * @throws QueueShutDown (when awaited) if the queue is shut down, also while waiting
     */
    @SuppressWarnings("unchecked")
    public Coroutine<Void> put(T item) {
        // an Operation<Object>, so that a granted put gets its item back; it yields null (Void)
        return (Coroutine<Void>) (Coroutine<?>) new Operation<>(beginPut, mask(item));
    }

    /**
     * Removes and yields the next item, waiting while the queue is empty.
     *
     * @throws QueueShutDown (when awaited) if the queue is shut down and empty, also while waiting
     */
    public Coroutine<T> get() {
        return new Operation<>(beginGet, null);
    }

    /**
     * Puts {@code item} without waiting.
     *
     * @throws QueueFull if the queue is full
     * @throws QueueShutDown if the queue is shut down
     */
    public void putNowait(T item) {
        checkThread("putNowait");
        Object masked = mask(item);
        if (shutdown) {
            throw new QueueShutDown();
        }
        if (isFull()) {
            throw new QueueFull(maxsize);
        }
        enqueue(masked);
    }

    /**
     * Removes and returns the next item without waiting.
     *
     * @throws QueueEmpty if the queue is empty
     * @throws QueueShutDown if the queue is shut down and empty
     */
    public T getNowait() {
        checkThread("getNowait");
        if (size() == 0) {
            if (shutdown) {
                throw new QueueShutDown();
            }
            throw new QueueEmpty();
        }
        return takeItem();
    }

    /**
     * Tells the queue that an item taken out earlier is fully processed; when every item put so
     * far is, {@link #join()} returns.
     *
     * @throws IllegalStateException if called more often than items were put
     */
    public void taskDone() {
        checkThread("taskDone");
        if (unfinished <= 0) {
            throw new IllegalStateException("taskDone() called too many times");
        }
        if (--unfinished == 0) {
            joiners.wakeAll(null);
        }
    }

    /** Waits until every item put so far has been taken out and marked {@link #taskDone()}. */
    public Coroutine<Void> join() {
        return new Operation<>(beginJoin, null);
    }

    /** {@link #shutdown(boolean) shutdown(false)}. */
    public void shutdown() {
        shutdown(false);
    }

    /**
     * Shuts the queue down (Python 3.13): from now on {@code put} and {@code putNowait} throw
     * {@link QueueShutDown}, and so does every blocked {@code put}. With {@code immediate}
     * false the items already in the queue can still be taken; {@code get} throws once it is
     * empty. With {@code immediate} true the queue is emptied at once, each dropped item counts
     * as done for {@link #join()}, and blocked {@code get}s throw.
     */
    public void shutdown(boolean immediate) {
        checkThread("shutdown");
        shutdown = true;
        if (immediate) {
            shutdownImmediately = true;
            while (size() > 0) {
                take();
                itemDropped();
            }
        }
        getters.failAll(QueueShutDown::new);
        putters.failAll(QueueShutDown::new);
    }

    /** An item dropped by an immediate shutdown counts as done for {@link #join()}. */
    private void itemDropped() {
        if (unfinished > 0 && --unfinished == 0) {
            joiners.wakeAll(null);
        }
    }

    /** The number of items in the queue. */
    public int qsize() {
        checkThread("qsize");
        return size();
    }

    /** The limit given to the constructor; zero or less means none. */
    public int maxsize() {
        return maxsize;
    }

    /** Whether the queue holds no item. */
    public boolean empty() {
        checkThread("empty");
        return size() == 0;
    }

    /** Whether the queue holds {@link #maxsize()} items; never true for an unbounded queue. */
    public boolean full() {
        checkThread("full");
        return isFull();
    }

    private boolean isFull() {
        return maxsize > 0 && size() + reservedSlots >= maxsize;
    }

    /** Counts a new item and hands it to the first waiting {@code get}, or stores it. */
    private void enqueue(Object masked) {
        unfinished++;
        if (getters.isEmpty() || getters.wakeFirst(unmask(masked)) == null) {
            store(masked);
        }
    }

    /** Takes the next item; the space goes to the first blocked {@code put}, if any. */
    private T takeItem() {
        T item = unmask(take());
        if (!putters.isEmpty()) {
            grantSlot();
        }
        return item;
    }

    /**
     * Keeps a free slot for the first blocked {@code put} and wakes it; its item enters the
     * queue when its task runs (so a put cancelled before that puts nothing, as in asyncio).
     */
    private void grantSlot() {
        if (!isFull() && putters.grantFirst() != null) {
            reservedSlots++;
        }
    }

    @SuppressWarnings("unchecked")
    private T unmask(Object masked) {
        return masked == NULL ? null : (T) masked;
    }

    // ---- storage: FIFO here, overridden by LifoQueue and PriorityQueue (Python's _put/_get) ----

    /** The item as stored; a subclass may refuse null. */
    Object mask(T item) {
        return item == null ? NULL : item;
    }

    void store(Object masked) {
        items.addLast(masked);
    }

    /**
     * An item taken out and given back (its getter was cancelled before it ran): it is older
     * than every item stored since, so it goes in front of them (FIFO: out next; LIFO: the
     * bottom of the stack), behind the items given back before it, which are older still.
     * Rare: cancellations racing wake-ups. The queue may then briefly hold more than maxsize.
     */
    void restore(Object masked) {
        Object[] older = new Object[restoredAtFront];
        for (int i = 0; i < older.length; i++) {
            older[i] = items.pollFirst();
        }
        items.addFirst(masked);
        for (int i = older.length - 1; i >= 0; i--) {
            items.addFirst(older[i]);
        }
        restoredAtFront++;
    }

    Object take() {
        if (restoredAtFront > 0) {
            restoredAtFront--;
        }
        return items.pollFirst();
    }

    int size() {
        return items.size();
    }

    /** The stored items, for {@code toString()}: in the order {@code get} returns them. */
    Iterator<Object> iterator() {
        return items.iterator();
    }

    @Override
    boolean hasWaiters() {
        return !getters.isEmpty() || !putters.isEmpty() || !joiners.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<").append(getClass().getSimpleName())
                .append(" maxsize=").append(maxsize);
        if (size() > 0) {
            List<Object> shown = new ArrayList<>();
            for (Iterator<Object> it = iterator(); it.hasNext() && shown.size() < 10; ) {
                shown.add(unmask(it.next()));
            }
            sb.append(" items=").append(shown).append(size() > shown.size() ? "+" + (size() - shown.size()) : "");
        }
        if (!getters.isEmpty()) {
            sb.append(" getters[").append(getters.size()).append(']');
        }
        if (!putters.isEmpty()) {
            sb.append(" putters[").append(putters.size()).append(']');
        }
        if (unfinished > 0) {
            sb.append(" tasks=").append(unfinished);
        }
        if (shutdown) {
            sb.append(" shutdown");
        }
        return sb.append('>').toString();
    }
}
