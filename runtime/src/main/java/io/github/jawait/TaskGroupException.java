package io.github.jawait;

import java.util.List;

/**
 * The failures of a {@link TaskGroup}'s children (and of its body), all of them, in the order
 * they happened; cancellations are not failures and are not listed.
 *
 * <pre>{@code
 * try { await(taskGroup(tg -> { tg.createTask(a()); tg.createTask(b()); return done(); })); }
 * catch (TaskGroupException e) { e.exceptions() ... }
 * }</pre>
 */
public class TaskGroupException extends ExceptionGroup {
    private static final long serialVersionUID = 1L;

    public TaskGroupException(List<? extends Throwable> exceptions) {
        super("unhandled errors in a TaskGroup", exceptions);
    }
}
