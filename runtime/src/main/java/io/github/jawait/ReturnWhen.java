package io.github.jawait;

/** When {@link Asyncio#wait} returns (asyncio's {@code return_when}). */
public enum ReturnWhen {
    /** As soon as any task finishes or is cancelled. */
    FIRST_COMPLETED,
    /** As soon as any task fails; like {@link #ALL_COMPLETED} if none fails. */
    FIRST_EXCEPTION,
    /** When every task has finished or been cancelled. */
    ALL_COMPLETED
}
