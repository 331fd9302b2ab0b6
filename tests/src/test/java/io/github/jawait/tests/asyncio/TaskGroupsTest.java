package io.github.jawait.tests.asyncio;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.currentTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.taskGroup;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jawait.Async;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.TaskGroupException;
import io.github.jawait.tests.TestLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** asyncio.TaskGroup semantics, after CPython's test_taskgroups. */
class TaskGroupsTest {
    final Recorder rec = new Recorder();

    @Async
    Coroutine<String> task(String name, double delay) {
        try {
            await(sleep(delay));
            rec.add(name + " done");
            return result(name + " done");
        } finally {
            rec.add(name + " finally");
        }
    }

    @Async
    Coroutine<String> fail(String name, double delay) {
        await(sleep(delay));
        throw new IllegalStateException(name + " failed");
    }

    @Async
    Coroutine<String> guideExample() {
        List<Task<String>> tasks = new ArrayList<>();
        await(taskGroup(tg -> {
            tasks.add(tg.createTask(task("A", 1)));
            tasks.add(tg.createTask(task("B", 1)));
            tasks.add(tg.createTask(task("C", 1)));
            return done();
        }));
        rec.add("group exited");
        return result(tasks.get(0).result() + ", " + tasks.get(1).result() + ", " + tasks.get(2).result());
    }

    @Test
    void allChildrenAreFinishedWhenTheGroupExits() {
        assertEquals("A done, B done, C done", TestLoop.run(guideExample()));
        assertEquals("group exited @1.0", rec.events.get(rec.events.size() - 1));
        assertEquals(7, rec.events.size());
    }

    @Async
    Coroutine<String> firstFailureCancelsTheRest() {
        try {
            await(taskGroup(tg -> {
                tg.createTask(task("slow", 10));
                tg.createTask(fail("X", 1), "fetch-x");
                tg.createTask(fail("Y", 1), "fetch-y");
                await(sleep(5));
                rec.add("body after sleep"); // never: the body is cancelled at 1.0
                return done();
            }));
            return result("no error");
        } catch (TaskGroupException e) {
            rec.add("caught " + e.getMessage());
            List<String> messages = new ArrayList<>();
            for (Throwable t : e.exceptions()) {
                messages.add(t.getClass().getSimpleName() + ": " + t.getMessage());
            }
            return result(String.join("; ", messages));
        }
    }

    @Test
    void firstFailureCancelsOtherChildrenAndTheBodyAndAllFailuresComeOutTogether() {
        assertEquals("IllegalStateException: X failed; IllegalStateException: Y failed",
                TestLoop.run(firstFailureCancelsTheRest()));
        // the message names who failed, so an uncaught group failure says which children
        assertEquals(List.of("slow finally @1.0", "caught unhandled errors in a TaskGroup (2 sub-exceptions):"
                + " task 'fetch-x' failed with java.lang.IllegalStateException: X failed;"
                + " task 'fetch-y' failed with java.lang.IllegalStateException: Y failed @1.0"), rec.events);
    }

    @Async
    Coroutine<String> bodyFailure() {
        try {
            await(taskGroup(tg -> {
                tg.createTask(task("child", 10));
                await(sleep(1));
                throw new UnsupportedOperationException("body failed");
            }));
            return result("no error");
        } catch (TaskGroupException e) {
            return result(e.exceptions().get(0).getMessage() + " / " + e.exceptions().size());
        }
    }

    @Test
    void aFailingBodyCancelsTheChildrenAndIsReported() {
        assertEquals("body failed / 1", TestLoop.run(bodyFailure()));
        assertEquals(List.of("child finally @1.0"), rec.events);
    }

    @Async
    Coroutine<Void> groupInTask() {
        try {
            await(taskGroup(tg -> {
                tg.createTask(task("A", 10));
                tg.createTask(task("B", 10));
                return done();
            }));
        } finally {
            rec.add("group task finally");
        }
        return done();
    }

    @Async
    Coroutine<String> cancelParent() {
        Task<Void> t = createTask(groupInTask());
        await(sleep(2));
        t.cancel();
        try {
            await(t);
            return result("not cancelled");
        } catch (CancelledError e) {
            return result("cancelled=" + t.cancelled());
        }
    }

    @Test
    void cancellingTheParentCancelsTheChildrenAndIsNotSwallowed() {
        assertEquals("cancelled=true", TestLoop.run(cancelParent()));
        assertEquals(List.of("A finally @2.0", "B finally @2.0", "group task finally @2.0"), rec.events);
    }

    @Async
    Coroutine<String> childFailsWhileParentIsCancelledFromOutside() {
        Task<String> t = createTask(groupWithFailingChild());
        await(sleep(1));
        t.cancel();
        try {
            return result(await(t));
        } catch (CancelledError e) {
            return result("cancelled");
        }
    }

    @Async
    Coroutine<String> groupWithFailingChild() {
        try {
            await(taskGroup(tg -> {
                tg.createTask(failOnCancel());
                return done();
            }));
        } catch (TaskGroupException e) {
            rec.add("group raised " + e.exceptions().get(0).getMessage() + ", cancelling=" + currentTask().cancelling());
            try {
                await(sleep(0)); // asyncio re-cancels the parent: its next await raises CancelledError
                rec.add("the next await returned");
            } catch (CancelledError c) {
                rec.add("the next await raised CancelledError");
                throw c;
            }
        }
        return result("not cancelled");
    }

    @Async
    Coroutine<Void> failOnCancel() {
        try {
            await(sleep(10));
        } catch (CancelledError e) {
            throw new IllegalStateException("cleanup failed");
        }
        return done();
    }

    @Test
    void childErrorsWinOverAnOutsideCancellationWhichIsRequestedAgain() {
        // asyncio 3.11+ (test_taskgroups test_taskgroup_*: errors win): the group raises the
        // exception group, and the parent is re-cancelled so that the cancellation is not lost
        assertEquals("cancelled", TestLoop.run(childFailsWhileParentIsCancelledFromOutside()));
        assertEquals(List.of("group raised cleanup failed, cancelling=1 @1.0",
                "the next await raised CancelledError @1.0"), rec.events);
    }

    @Async
    Coroutine<String> createAfterExit() {
        io.github.jawait.TaskGroup[] saved = new io.github.jawait.TaskGroup[1];
        await(taskGroup(tg -> {
            saved[0] = tg;
            return done();
        }));
        try {
            saved[0].createTask(task("late", 1));
            return result("accepted");
        } catch (IllegalStateException e) {
            return result(e.getMessage());
        }
    }

    @Test
    void noChildCanBeAddedAfterTheGroupFinished() {
        assertEquals("TaskGroup is finished", TestLoop.run(createAfterExit()));
    }

    @Async
    Coroutine<Integer> bodyValue() {
        int v = await(taskGroup(tg -> {
            Task<String> a = tg.createTask(task("A", 1));
            return result(await(a).length());
        }));
        return result(v);
    }

    @Test
    void theBodysValueIsTheGroupsValue() {
        assertEquals(6, TestLoop.run(bodyValue()));
    }

    @Test
    void aGroupCanBeTheMainCoroutine() {
        assertEquals((Object) null, TestLoop.run(io.github.jawait.TaskGroup.<Void>run(tg -> {
            tg.createTask(task("A", 1));
            return done();
        })));
        assertEquals(List.of("A done @1.0", "A finally @1.0"), rec.events);
    }
}
