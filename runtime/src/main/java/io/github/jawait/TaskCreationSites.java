package io.github.jawait;

import io.github.jawait.core.CreationSite;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Debug mode's record of where each task was created (asyncio's {@code _source_traceback}),
 * for the report of a failure nobody retrieved. Kept beside the tasks, not in them: a task
 * carries no field for it when debug mode is off. Weak keys, so a forgotten task is not kept.
 * Loop thread only.
 */
final class TaskCreationSites {
    private final Map<Task<?>, String> sites = new WeakHashMap<>();

    void record(Task<?> task) {
        String site = CreationSite.find(null);
        if (site != null) {
            sites.put(task, site);
        }
    }

    /** Where {@code task} was created, or null when it was not made in debug mode. */
    String of(Task<?> task) {
        return sites.get(task);
    }
}
