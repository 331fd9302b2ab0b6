package io.github.jawait;

import java.util.Set;

/**
 * The result of {@link Asyncio#wait}: the tasks that finished and those still pending (which
 * {@code wait} never cancels), each in the order they were given.
 *
 * <pre>{@code
 * Done<String> d = await(Asyncio.wait(tasks, ReturnWhen.FIRST_COMPLETED));
 * d.pending().forEach(Task::cancel);
 * }</pre>
 *
 * @param done    finished tasks (succeeded, failed or cancelled)
 * @param pending tasks not finished yet
 * @param <T>     the tasks' result type
 */
public record Done<T>(Set<Task<T>> done, Set<Task<T>> pending) {
}
