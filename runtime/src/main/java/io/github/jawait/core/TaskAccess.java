package io.github.jawait.core;

import io.github.jawait.Task;

/**
 * The runtime's internal door into {@link Task} for its other packages (the JDK's
 * {@code SharedSecrets} pattern): waking a task is not public API, but the synchronization
 * primitives in {@code io.github.jawait.sync} park tasks on their own awaitables and must wake
 * them. {@code Task} installs the implementation when its class initializes, which happens
 * before any task exists to be woken.
 */
public final class TaskAccess {
    /** What {@code Task} lends out. */
    public interface Waker {
        /** The awaitable {@code from} that {@code task} is parked on is done: resume it. */
        void wake(Task<?> task, Object from);
    }

    private static Waker waker;

    private TaskAccess() {
    }

    /** Called once, by {@code Task}'s static initializer. */
    public static void install(Waker w) {
        if (waker != null) {
            throw new IllegalStateException("TaskAccess is installed by Task only");
        }
        waker = w;
    }

    /** Makes {@code task}, parked on {@code from}, ready to run on a later loop turn. */
    public static void wake(Task<?> task, Object from) {
        waker.wake(task, from);
    }
}
