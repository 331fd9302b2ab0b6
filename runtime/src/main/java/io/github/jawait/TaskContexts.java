package io.github.jawait;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The {@link ContextVar} contexts of one loop: one per task that has one (kept beside the
 * tasks rather than in them, so a task stays 48 bytes and a program without context variables
 * pays nothing), and the one of the callback running now. A loop makes this on the first
 * {@code set}; contexts are immutable maps, so inheriting one is a reference copy.
 */
final class TaskContexts {
    private final IdentityHashMap<Task<?>, Map<ContextVar<?>, Object>> byTask = new IdentityHashMap<>();
    /** The context of the callback running now; null between callbacks. */
    private Map<ContextVar<?>, Object> callback;

    /** The context of {@code task}, or of the running callback when {@code task} is null; null if none. */
    Map<ContextVar<?>, Object> of(Task<?> task) {
        return task != null ? byTask.get(task) : callback;
    }

    boolean inCallback() {
        return callback != null;
    }

    void put(Task<?> task, Map<ContextVar<?>, Object> context) {
        if (task != null) {
            byTask.put(task, context);
        } else {
            callback = context;
        }
    }

    /** A new task starts with a copy of its creator's context. */
    void inherit(Task<?> child, Map<ContextVar<?>, Object> context) {
        byTask.put(child, context);
    }

    void ended(Task<?> task) {
        byTask.remove(task);
    }

    /** {@code r}, to run in {@code context} (a copy: its sets stay in it). */
    Runnable capture(Runnable r, Map<ContextVar<?>, Object> context) {
        return new Runnable() {
            @Override
            public void run() {
                Map<ContextVar<?>, Object> saved = callback;
                callback = context;
                try {
                    r.run();
                } finally {
                    callback = saved;
                }
            }

            @Override
            public String toString() {
                return r.toString();
            }
        };
    }
}
