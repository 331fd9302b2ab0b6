package io.github.jawait;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code Asyncio.wait(tasks, returnWhen, timeout)}: completes with the done and pending
 * tasks when {@code returnWhen} is met or the timeout passes. Never cancels anything; a
 * cancelled awaiter simply stops waiting.
 */
final class Wait<T> extends Completion<Done<T>> implements Completion.Listener {
    private final List<Task<T>> tasks;
    private final ReturnWhen when;
    private TimerHandle timer;
    private boolean checkScheduled;

    Wait(EventLoop loop, List<Task<T>> tasks, ReturnWhen when, Duration timeout) {
        super(loop);
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("wait() needs at least one task");
        }
        this.tasks = tasks;
        this.when = when;
        for (Task<T> t : tasks) {
            if (t.loop != loop) {
                // wait() hands back the same tasks in its done/pending sets, which this loop
                // could not use: await them (or gather them) instead, which crosses loops
                throw new IllegalArgumentException(t + " belongs to the event loop of thread '"
                        + t.loop.ownerName() + "'; wait() takes tasks of its own loop: await or gather it instead");
            }
        }
        if (met()) {
            finish();
            return;
        }
        for (Task<T> t : tasks) {
            if (!t.isDone()) {
                t.listen(this);
            }
        }
        if (timeout != null) {
            timer = loop.callLater(timeout, this::finish);
        }
    }

    /**
     * A task ended: check the condition on the next turn, as asyncio's done callbacks do, so
     * the waiting task resumes when asyncio's would (tasks finishing meanwhile are seen done).
     */
    @Override
    public void completed(Completion<?> t) {
        if (!isDone() && !checkScheduled) {
            checkScheduled = true;
            loop.callSoon(this::check);
        }
    }

    private void check() {
        checkScheduled = false;
        if (!isDone() && met()) {
            finish();
        }
    }

    private boolean met() {
        int done = 0;
        for (Task<T> t : tasks) {
            if (t.isDone()) {
                done++;
                if (when == ReturnWhen.FIRST_COMPLETED) {
                    return true;
                }
                if (when == ReturnWhen.FIRST_EXCEPTION && t.state == FAILED) {
                    return true;
                }
            }
        }
        return done == tasks.size();
    }

    private void finish() {
        if (isDone()) {
            return;
        }
        if (timer != null) {
            timer.cancel();
        }
        settle(SUCCEEDED, null);
    }

    /**
     * The sets are built when the waiting task reads them, as asyncio builds them after its
     * waiter resumes: a task that finished between the wake-up and the resumption (or at the
     * instant of the timeout) is in {@code done()}, never in {@code pending()}.
     */
    @Override
    public Object outcome() {
        Object o = super.outcome();
        if (o != null) {
            return o;
        }
        Set<Task<T>> done = new LinkedHashSet<>();
        Set<Task<T>> pending = new LinkedHashSet<>();
        for (Task<T> t : tasks) {
            (t.isDone() ? done : pending).add(t);
        }
        value = new Done<>(done, pending);
        return value;
    }
}
