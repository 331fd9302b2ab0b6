package io.github.jawait;

import io.github.jawait.core.Sneaky;

/**
 * How one awaitable ended, as reported by {@link Asyncio#gatherSettled}
 * ({@code gather(return_exceptions=True)}, {@code Promise.allSettled}).
 *
 * <pre>{@code
 * for (Outcome<User> o : await(gatherSettled(fetchUser(1), fetchUser(999)))) {
 *     if (o.succeeded()) System.out.println("Success: " + o.value()); else System.out.println("Error: " + o.failure());
 * }
 * }</pre>
 *
 * @param <T> the value type
 */
public final class Outcome<T> {
    /** The three ways an awaitable ends. */
    public enum Status { SUCCEEDED, FAILED, CANCELLED }

    private final Status status;
    private final T value;
    private final Throwable failure;

    private Outcome(Status status, T value, Throwable failure) {
        this.status = status;
        this.value = value;
        this.failure = failure;
    }

    public static <T> Outcome<T> success(T value) {
        return new Outcome<>(Status.SUCCEEDED, value, null);
    }

    public static <T> Outcome<T> failure(Throwable failure) {
        return new Outcome<>(failure instanceof CancelledError ? Status.CANCELLED : Status.FAILED, null, failure);
    }

    public Status status() {
        return status;
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }

    public boolean failed() {
        return status == Status.FAILED;
    }

    public boolean cancelled() {
        return status == Status.CANCELLED;
    }

    /** The value; throws {@link IllegalStateException} when it did not succeed. */
    public T value() {
        if (status != Status.SUCCEEDED) {
            throw new IllegalStateException("no value: the awaitable " + status.name().toLowerCase(), failure);
        }
        return value;
    }

    /** The failure ({@link CancelledError} when cancelled), or null when it succeeded. */
    public Throwable failure() {
        return failure;
    }

    /** The value, or the failure rethrown as it is. */
    public T get() {
        if (failure != null) {
            throw Sneaky.rethrow(failure);
        }
        return value;
    }

    @Override
    public String toString() {
        return succeeded() ? "Outcome[succeeded: " + value + "]" : "Outcome[" + status.name().toLowerCase() + ": " + failure + "]";
    }
}
