package io.github.jawait.tests.diagnostics;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.taskGroup;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.TaskInfo;
import io.github.jawait.sync.Event;
import io.github.jawait.tests.TestLoop;
import java.util.List;
import org.junit.jupiter.api.Test;

/** loop.tasks() and loop.dumpTasks(): who awaits whom, and where each task is suspended. */
class TaskDumpTest {
    final Event release = new Event();
    String dump;
    List<TaskInfo> infos;

    @Async
    Coroutine<Void> leaf() {
        await(release.waitFor());
        return done();
    }

    @Async
    Coroutine<Void> sleeper() {
        await(sleep(10));
        return done();
    }

    @Async
    Coroutine<Void> middle() {
        await(taskGroup(tg -> {
            tg.createTask(leaf(), "group-child");
            return done();
        }));
        return done();
    }

    @Async
    Coroutine<Void> dumpSoon() {
        await(sleep(1));
        StringBuilder out = new StringBuilder();
        getRunningLoop().dumpTasks(out);
        dump = out.toString();
        infos = getRunningLoop().tasks();
        release.set();
        return done();
    }

    @Async
    Coroutine<String> main() {
        Task<Void> a = createTask(sleeper(), "sleeper");
        Task<Void> b = createTask(middle(), "middle");
        createTask(dumpSoon(), "dumper");
        await(gather(a, b));
        return result("ok");
    }

    @Async
    static Coroutine<Void> parked(Event e) {
        await(e.waitFor());
        return done();
    }

    @Test
    void theJmxBeanDumpsTheTasksOfALoopRunningOnAnotherThread() throws Exception {
        System.setProperty("jawait.jmx", "true");
        java.util.concurrent.CompletableFuture<io.github.jawait.EventLoop> started = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Event> event = new java.util.concurrent.CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (io.github.jawait.EventLoop loop = new io.github.jawait.EventLoop()) {
                started.complete(loop);
                loop.runUntilComplete(waitForRelease(event));
            }
        }, "jmx-loop");
        t.start();
        io.github.jawait.EventLoop loop = started.get(10, java.util.concurrent.TimeUnit.SECONDS);
        Event e = event.get(10, java.util.concurrent.TimeUnit.SECONDS);
        var server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        var name = new javax.management.ObjectName("io.github.jawait:type=EventLoops");
        String text = (String) server.invoke(name, "dumpTasks", null, null);
        loop.callSoonThreadsafe(e::set);
        t.join(10_000);
        org.junit.jupiter.api.Assertions.assertTrue(text.contains("== event loop of thread 'jmx-loop'\n"), text);
        org.junit.jupiter.api.Assertions.assertTrue(text.contains("waiting-task [suspended] awaiting <Event.waitFor waiting"), text);
    }

    @Async
    static Coroutine<Void> waitForRelease(java.util.concurrent.CompletableFuture<Event> out) {
        Event e = new Event();
        Task<Void> t = createTask(parked(e), "waiting-task");
        out.complete(e);
        await(t);
        return done();
    }

    @Test
    void theDumpShowsTheTreeOfAwaitsAndWhereEachTaskWaits() {
        assertEquals("ok", TestLoop.run(main()));
        String ids = dump.replaceAll("Task-\\d+", "Task-N");
        assertEquals("""
                5 tasks
                Task-N [suspended] awaiting gather of 2
                    at io.github.jawait.tests.diagnostics.TaskDumpTest.main (TaskDumpTest.java:65)
                ├── sleeper [suspended] awaiting sleep(10.0s)
                │       at io.github.jawait.tests.diagnostics.TaskDumpTest.sleeper (TaskDumpTest.java:36)
                └── middle [suspended] awaiting its task group's 1 child
                        at TaskGroup (await #2)
                        at io.github.jawait.tests.diagnostics.TaskDumpTest.middle (TaskDumpTest.java:42)
                    └── group-child [suspended] awaiting <Event.waitFor waiting (task group-child)>
                            at io.github.jawait.tests.diagnostics.TaskDumpTest.leaf (TaskDumpTest.java:30)
                dumper [running]
                    at io.github.jawait.tests.diagnostics.TaskDumpTest.dumpSoon (TaskDumpTest.java:51)
                """, ids);
        assertEquals(5, infos.size());
        TaskInfo middle = infos.stream().filter(i -> i.name().equals("middle")).findFirst().orElseThrow();
        TaskInfo child = infos.stream().filter(i -> i.name().equals("group-child")).findFirst().orElseThrow();
        assertEquals(List.of(child.id()), middle.awaitedTasks());
        assertEquals("suspended", child.state());
    }
}
