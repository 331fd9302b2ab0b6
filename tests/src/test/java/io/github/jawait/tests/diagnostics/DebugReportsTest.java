package io.github.jawait.tests.diagnostics;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.VirtualClock;
import io.github.jawait.tests.asyncio.LogCapture;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Debug mode's reports (asyncio's debug mode): a coroutine dropped without being awaited, and a
 * task failure nobody retrieved, each with the user's line that created it.
 */
class DebugReportsTest {
    private static final String CLS = DebugReportsTest.class.getName();

    /** What is logged to {@code io.github.jawait}, from any thread (the cleaner's too). */
    private LogCapture log;

    @BeforeEach
    void listen() {
        log = new LogCapture();
    }

    @AfterEach
    void stopListening() {
        log.close();
    }

    @Async
    static Coroutine<String> forgotten(String tag) {
        await(sleep(0));
        return result(tag);
    }

    @Async
    static Coroutine<String> forgetsOne(String tag) {
        forgotten(tag); // the bug: the coroutine is made and dropped, never awaited
        return result(await(forgotten("awaited " + tag)));
    }

    @Async
    static Coroutine<Void> fails() {
        await(sleep(0));
        throw new IllegalStateException("nobody asked");
    }

    @Async
    static Coroutine<Void> startsAndForgets() {
        createTask(fails(), "lost");
        await(sleep(1));
        return done();
    }

    private void run(boolean debug, Coroutine<?> main) {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            loop.setDebug(debug);
            loop.runUntilComplete(main);
        }
    }

    /** Collects garbage until a message containing {@code tag} is logged, for at most 10 s. */
    private List<String> awaitReport(String tag) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < end) {
            List<String> hits = log.messages().stream().filter(m -> m.contains(tag)).toList();
            if (!hits.isEmpty()) {
                return hits;
            }
            System.gc();
            Thread.sleep(20); // the cleaner runs on its own thread after the collection
        }
        return List.of();
    }

    @Test
    void aCoroutineNeverAwaitedIsReportedWithTheLineThatCreatedIt() throws InterruptedException {
        run(true, forgetsOne("t1"));
        List<String> hits = awaitReport("was never awaited");
        assertEquals(List.of("coroutine " + CLS + ".forgotten was never awaited; created at "
                + CLS + ".forgetsOne(DebugReportsTest.java:49)"), hits);
    }

    @Test
    void withoutDebugModeADroppedCoroutineIsNotReported() throws InterruptedException {
        run(false, forgetsOne("t2"));
        // a report, were there one, comes from a collection: provoke some, then look
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(List.of(), log.messages().stream().filter(m -> m.contains("never awaited")).toList());
    }

    @Test
    void coroutinesThatRanAreNotReported() throws InterruptedException {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            loop.setDebug(true);
            loop.runUntilComplete(forgotten("ran")); // scheduled as a task
            loop.runUntilComplete(forgetsOne("t3")); // awaited inline, except the one dropped
        }
        List<String> hits = awaitReport("was never awaited");
        assertEquals(1, hits.size(), hits.toString());
        assertTrue(hits.get(0).startsWith("coroutine " + CLS + ".forgotten was never awaited;"), hits.get(0));
    }

    @Test
    void anUnretrievedFailureNamesTheLineThatCreatedTheTask() {
        run(true, startsAndForgets());
        assertEquals(List.of("Task lost (<coroutine " + CLS + ".fails failed>): exception was never retrieved;"
                + " task created at " + CLS + ".startsAndForgets(DebugReportsTest.java:61)"), reports());
    }

    @Test
    void withoutDebugModeTheFailureIsReportedWithoutASite() {
        run(false, startsAndForgets());
        assertEquals(List.of("Task lost (<coroutine " + CLS + ".fails failed>): exception was never retrieved"), reports());
    }

    /**
     * What was logged but debug mode's slow-step warnings ("Executing ... took 0.119 seconds"):
     * a step over 100 ms of real time is a fact of a loaded machine, not of the code under test.
     */
    private List<String> reports() {
        return log.messages().stream().filter(m -> !m.startsWith("Executing ")).toList();
    }
}
