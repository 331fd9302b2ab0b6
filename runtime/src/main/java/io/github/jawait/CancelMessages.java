package io.github.jawait;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The messages of pending cancellations ({@code task.cancel(msg)}), per loop, kept until the
 * task ends or {@code uncancel()} withdraws the last request. They live beside the tasks, not
 * in a field of each: cancelling with a message is rare, tasks are counted in millions.
 * Loop thread only.
 */
final class CancelMessages {
    /** Made on the first message: a loop that never cancels with one holds no map. */
    private Map<Task<?>, Object> messages;

    /** {@code task.cancel(message)}: the latest call's message wins, null included (asyncio). */
    void set(Task<?> task, Object message) {
        if (message != null) {
            if (messages == null) {
                messages = new IdentityHashMap<>();
            }
            messages.put(task, message);
        } else {
            forget(task);
        }
    }

    /** The pending message of {@code task}, or null. */
    Object of(Task<?> task) {
        return messages == null ? null : messages.get(task);
    }

    /** The task ended, or its cancellation was withdrawn. */
    void forget(Task<?> task) {
        if (messages != null && messages.remove(task) != null && messages.isEmpty()) {
            messages = null;
        }
    }
}
