package io.github.jawait;

import java.util.List;

/**
 * A snapshot of one live task for diagnostics ({@link EventLoop#tasks()}): asyncio's
 * {@code capture_call_graph} entry.
 *
 * @param id the task's number on its loop
 * @param name its name ({@code Task-<id>} unless named)
 * @param state {@code scheduled} (ready to run), {@code running}, {@code suspended}, or {@code not started}
 * @param suspendedAt the coroutines awaiting each other inside the task, innermost first, each
 *     as {@code Owner.method (await #k)}: the k-th await of that method is the one pending
 * @param awaiting what the innermost coroutine waits for ({@code Task Task-3}, {@code sleep(1.0s)},
 *     {@code gather of 3}...), or null when not suspended
 * @param awaitedTasks the ids of the tasks this one waits for: an awaited task, a gather's
 *     children, a task group's children
 */
public record TaskInfo(int id, String name, String state, List<String> suspendedAt, String awaiting,
        List<Integer> awaitedTasks) {
}
