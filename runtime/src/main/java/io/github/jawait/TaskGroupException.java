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

    /** With {@code where.get(i)} saying who raised {@code exceptions.get(i)}, named in the message. */
    public TaskGroupException(List<? extends Throwable> exceptions, List<String> where) {
        super("unhandled errors in a TaskGroup", exceptions, details(exceptions, where));
    }

    private static String details(List<? extends Throwable> exceptions, List<String> where) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < exceptions.size(); i++) {
            sb.append(i == 0 ? "" : "; ").append(i < where.size() ? where.get(i) : "?").append(" failed with ")
                    .append(exceptions.get(i));
        }
        return sb.toString();
    }
}
