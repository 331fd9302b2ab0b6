package io.github.jawait.benchmarks.macro;

import io.github.jawait.Asyncio;
import io.github.jawait.EventLoop;
import io.github.jawait.Task;
import io.github.jawait.benchmarks.JawaitWorkloads;
import io.github.jawait.core.ArrayFrame;
import io.github.jawait.core.CoroutineFrame;
import io.github.jawait.core.FrameDriver;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.vm.VM;

/**
 * Diagnosis, not a contest: which objects a suspended, gathered {@code sleep} task keeps alive,
 * with their sizes from JOL, and the per-task share of the loop's and the gather's arrays.
 * Reads runtime internals reflectively (the benchmarks must not change the runtime).
 */
final class Footprint {
    private Footprint() {
    }

    static void report(int n) {
        Asyncio.run(JawaitWorkloads.sleepers(n, 30.0, k -> inspect(k)));
    }

    private static void inspect(int n) {
        try {
            EventLoop loop = Asyncio.getRunningLoop();
            List<Task<?>> tasks = loop.allTasks();
            Task<?> sleeper = null;
            Task<?> other = null;
            Task<?> main = null;
            for (Task<?> t : tasks) {
                String name = ((CoroutineFrame<?>) t.getCoroutine()).name();
                if (name.endsWith("sleepers")) {
                    main = t;
                } else if (name.endsWith("sleeper")) {
                    if (sleeper == null) {
                        sleeper = t;
                    } else if (other == null) {
                        other = t;
                    }
                }
            }
            CoroutineFrame<?> frame = (CoroutineFrame<?>) sleeper.getCoroutine();
            Map<String, Double> parts = new LinkedHashMap<>();
            parts.put("Task", (double) size(sleeper));
            // the frame's shape (docs/transformation.md): its own class, plus arrays only for ArrayFrame
            parts.put(frame.getClass().getName().replace("io.github.jawait.core.", ""), (double) size(frame));
            if (frame instanceof ArrayFrame<?> a) {
                parts.put("frame.refs[" + a.refs.length + "]", shared(a.refs, n, tasks.size()));
                parts.put("frame.prims[" + a.prims.length + "]", shared(a.prims, n, tasks.size()));
            }
            Object awaiting = FrameDriver.awaiting(frame);
            // an object every task shares (the one Sleep of equal durations, the gather) costs each 1/n
            boolean sharedAwaitable = awaiting == FrameDriver.awaiting((CoroutineFrame<?>) other.getCoroutine());
            parts.put(awaiting.getClass().getSimpleName() + " (awaited" + (sharedAwaitable ? ", shared" : "") + ")",
                    sharedAwaitable ? size(awaiting) / (double) n : (double) size(awaiting));
            Object waiters = field(sleeper, completionClass(), "value"); // pending: its waiters
            boolean sharedCallback = waiters == field(other, completionClass(), "value");
            parts.put("done callback " + simple(waiters) + (sharedCallback ? " (shared)" : ""),
                    sharedCallback ? size(waiters) / (double) n : (double) size(waiters));
            Object gather = capturedGather(waiters);
            if (gather != null) {
                Object children = field(gather, gather.getClass(), "children");
                parts.put("Gather.children slot", size(children) / (double) n);
            }
            Object timers = field(loop, EventLoop.class, "timers");
            double timerBytes = 0;
            for (String f : new String[] {"heapDeadline", "heapStamp", "heapMark", "heapEntry"}) {
                timerBytes += size(field(timers, timers.getClass(), f));
            }
            // the FIFO: a chain of segments from the head (plus a spare one), each two arrays
            int segments = 0;
            Object spare = field(timers, timers.getClass(), "spare");
            for (Object s = field(timers, timers.getClass(), "head"); s != null || spare != null; ) {
                if (s == null) {
                    s = spare;
                    spare = null;
                }
                timerBytes += size(s) + size(field(s, s.getClass(), "offset")) + size(field(s, s.getClass(), "entry"));
                segments++;
                s = field(s, s.getClass(), "next");
            }
            parts.put("TimerHeap slots (FIFO segments " + segments + ")", timerBytes / n);
            // the ready queue: a chain of segments from the head (plus a spare one)
            Object ready = field(loop, EventLoop.class, "ready");
            double readyBytes = 0;
            int readySegments = 0;
            Object readySpare = field(ready, ready.getClass(), "spare");
            for (Object s = field(ready, ready.getClass(), "head"); s != null || readySpare != null; ) {
                if (s == null) {
                    s = readySpare;
                    readySpare = null;
                }
                readyBytes += size(s) + size(field(s, s.getClass(), "items"));
                readySegments++;
                s = field(s, s.getClass(), "next");
            }
            parts.put("ReadyQueue slots (segments " + readySegments + ")", readyBytes / n);
            double total = 0;
            for (var e : parts.entrySet()) {
                total += e.getValue();
                System.out.printf("%-55s %8.1f B%n", e.getKey(), e.getValue());
                Measure.report("footprint." + e.getKey().replaceAll("[^A-Za-z0-9.]+", "_"), e.getValue());
            }
            System.out.printf("%-55s %8.1f B%n", "total per suspended task", total);
            Measure.report("footprint.total", total);
            System.out.println();
            System.out.println(ClassLayout.parseInstance(sleeper).toPrintable());
            System.out.println(ClassLayout.parseInstance(frame).toPrintable());
            System.out.println(ClassLayout.parseInstance(awaiting).toPrintable());
            if (!sharedCallback) {
                System.out.println(ClassLayout.parseInstance(waiters).toPrintable());
            }
            if (main == null) {
                System.out.println("(main task not found)");
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // printed here: the halt below would swallow a thrown exception
            System.out.println("footprint failed, the runtime's internals changed: " + e);
            e.printStackTrace(System.out);
        } finally {
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }
    }

    private static long size(Object o) {
        return o == null ? 0 : VM.current().sizeOf(o);
    }

    /** An object shared by all tasks (an empty array constant) costs them nothing each. */
    private static double shared(Object array, int n, int live) {
        return java.lang.reflect.Array.getLength(array) == 0 ? 0 : size(array);
    }

    private static String simple(Object o) {
        String s = o == null ? "none" : o.getClass().getName();
        return s.substring(s.lastIndexOf('.') + 1).replaceAll("/0x.*", "");
    }

    private static Class<?> completionClass() throws ClassNotFoundException {
        return Class.forName("io.github.jawait.Completion");
    }

    private static Object field(Object target, Class<?> owner, String name) throws ReflectiveOperationException {
        Field f = owner.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(target);
    }

    /** The Gather a done-callback lambda ({@code this::childDone}) captured. */
    private static Object capturedGather(Object lambda) throws IllegalAccessException {
        if (lambda == null) {
            return null;
        }
        if (lambda.getClass().getSimpleName().equals("Gather")) {
            return lambda; // the gather listens to its children itself
        }
        for (Field f : lambda.getClass().getDeclaredFields()) {
            f.setAccessible(true);
            Object v = f.get(lambda);
            if (v != null && v.getClass().getSimpleName().equals("Gather")) {
                return v;
            }
        }
        return null;
    }
}
