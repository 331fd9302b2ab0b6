package io.github.jawait;

import java.util.List;

/**
 * Several failures reported together (Python's {@code ExceptionGroup}, JavaScript's
 * {@code AggregateError}): thrown by {@link Asyncio#any} when everything failed, and, as
 * {@link TaskGroupException}, by a task group.
 *
 * <pre>{@code
 * try { await(any(mirror1(), mirror2())); }
 * catch (ExceptionGroup g) { g.exceptions().forEach(System.out::println); }
 * }</pre>
 *
 * <p>Each failure is also attached as a suppressed exception, so stack traces show them all.
 */
public class ExceptionGroup extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<Throwable> exceptions;

    public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
        this(message, exceptions, null);
    }

    /** With {@code details} after the count: {@code message (2 sub-exceptions): details}. */
    protected ExceptionGroup(String message, List<? extends Throwable> exceptions, String details) {
        super(message + " (" + exceptions.size() + " sub-exception" + (exceptions.size() == 1 ? "" : "s") + ")"
                + (details == null || details.isEmpty() ? "" : ": " + details));
        this.exceptions = List.copyOf(exceptions);
        for (Throwable t : this.exceptions) {
            addSuppressed(t);
        }
    }

    /** The failures, in the order they happened (or in argument order, for {@code any}). */
    public List<Throwable> exceptions() {
        return exceptions;
    }
}
