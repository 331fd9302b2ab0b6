package io.github.jawait;

import io.github.jawait.core.CoroutineFrame;
import io.github.jawait.core.InlineFrames;
import io.github.jawait.core.FrameDriver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the live tasks of a loop into {@link TaskInfo}s and prints them as a tree of who
 * awaits whom, like {@code python -m asyncio pstree}. Everything comes from the frames the
 * tasks already hold (each frame knows its caller, its label and what it awaits), so nothing
 * is recorded while the program runs: a dump costs only when asked for.
 */
final class TaskDump {
    private TaskDump() {
    }

    static TaskInfo describe(Task<?> t) {
        List<String> stack = new ArrayList<>();
        List<Integer> awaited = new ArrayList<>();
        String awaiting = null;
        Coroutine<?> c = t.currentCoroutine();
        String state;
        if (t.isRunningNow()) {
            state = "running";
        } else if (t.isScheduled()) {
            state = "scheduled";
        } else {
            state = "suspended";
        }
        if (c instanceof CoroutineFrame<?> innermost) {
            if (FrameDriver.isNew(innermost) || FrameDriver.isClaimed(innermost)) {
                state = "not started";
            }
            Object aw = FrameDriver.isSuspended(innermost) ? FrameDriver.awaiting(innermost) : null;
            if (aw != null) {
                awaiting = innermost instanceof InlineFrames.R2<?> scope && scope.r0 instanceof TaskGroup.Children g
                        ? "its task group's " + plural(g.liveChildren().size(), "child", "children") : describeAwaitable(aw);
                collectTasks(aw, awaited);
            }
            for (CoroutineFrame<?> f = innermost; f != null; f = FrameDriver.caller(f)) {
                String where = f.label > 0 ? f.awaitLocation() : null;
                stack.add(f.name() + (where != null ? " (" + where + ")" : f.label > 0 ? " (await #" + f.label + ")" : ""));
                if (f instanceof InlineFrames.R2<?> scope && scope.r0 instanceof TaskGroup.Children g) { // an AsyncScope frame
                    for (Task<?> child : g.liveChildren()) {
                        if (!awaited.contains(child.id())) {
                            awaited.add(child.id());
                        }
                    }
                }
            }
        }
        return new TaskInfo(t.id(), t.getName(), state, List.copyOf(stack), awaiting, List.copyOf(awaited));
    }

    private static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static void collectTasks(Object aw, List<Integer> out) {
        if (aw instanceof Task<?> task) {
            out.add(task.id());
        } else if (aw instanceof Gather<?> g) {
            for (Task<?> child : g.childTasks()) {
                if (!child.isDone()) {
                    out.add(child.id());
                }
            }
        }
    }

    private static String describeAwaitable(Object aw) {
        if (aw instanceof Task<?> t) {
            return "Task " + t.getName();
        }
        if (aw instanceof Gather<?> g) {
            return "gather of " + g.childTasks().length;
        }
        String s = aw.toString();
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /** Prints {@code tasks} as trees: each task under the one awaiting it, roots first in id order. */
    static void print(List<TaskInfo> tasks, Appendable out) {
        Map<Integer, TaskInfo> byId = new LinkedHashMap<>();
        for (TaskInfo t : tasks) {
            byId.put(t.id(), t);
        }
        Set<Integer> awaitedBySomeone = new HashSet<>();
        for (TaskInfo t : tasks) {
            awaitedBySomeone.addAll(t.awaitedTasks());
        }
        List<TaskInfo> roots = new ArrayList<>();
        for (TaskInfo t : tasks) {
            if (!awaitedBySomeone.contains(t.id())) {
                roots.add(t);
            }
        }
        roots.sort((a, b) -> Integer.compare(a.id(), b.id()));
        try {
            out.append(tasks.size() + (tasks.size() == 1 ? " task" : " tasks") + "\n");
            Set<Integer> printed = new HashSet<>();
            for (TaskInfo root : roots) {
                printTree(root, byId, "", "", out, printed);
            }
            for (TaskInfo t : tasks) { // tasks in an await cycle have no root
                if (!printed.contains(t.id())) {
                    printTree(t, byId, "", "", out, printed);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void printTree(TaskInfo t, Map<Integer, TaskInfo> byId, String lead, String indent,
            Appendable out, Set<Integer> printed) throws IOException {
        if (!printed.add(t.id())) {
            out.append(lead).append("(Task ").append(t.name()).append(", shown above)\n");
            return;
        }
        out.append(lead).append(t.name()).append(" [").append(t.state()).append("]");
        if (t.awaiting() != null) {
            out.append(" awaiting ").append(t.awaiting());
        }
        out.append('\n');
        for (String frame : t.suspendedAt()) {
            out.append(indent).append("    at ").append(frame).append('\n');
        }
        List<TaskInfo> children = new ArrayList<>();
        for (int id : t.awaitedTasks()) {
            TaskInfo child = byId.get(id);
            if (child != null) {
                children.add(child);
            }
        }
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            printTree(children.get(i), byId, indent + (last ? "└── " : "├── "), indent + (last ? "    " : "│   "),
                    out, printed);
        }
    }
}
