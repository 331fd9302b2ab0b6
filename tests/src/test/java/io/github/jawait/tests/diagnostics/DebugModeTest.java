package io.github.jawait.tests.diagnostics;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.VirtualClock;
import io.github.jawait.tests.asyncio.LogCapture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Debug mode: a step that holds the loop too long is logged with its task and lines (asyncio's slow callback warning). */
class DebugModeTest {

    static void spin(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    @Async
    static Coroutine<Void> spinner() {
        await(sleep(0.001));
        spin(300); // blocks the loop: the mistake debug mode is there to find
        await(sleep(0.001));
        return done();
    }

    @Async
    static Coroutine<Void> polite() {
        await(sleep(0));
        await(sleep(0));
        return done();
    }

    @Async
    static Coroutine<Void> both() {
        await(createTask(spinner(), "spinner"));
        await(createTask(polite(), "polite"));
        return done();
    }

    List<String> run(boolean debug) {
        try (LogCapture log = new LogCapture(); EventLoop loop = new EventLoop(new VirtualClock())) {
            loop.setDebug(debug);
            loop.setSlowStepThreshold(Duration.ofMillis(250));
            loop.runUntilComplete(both());
            return log.messages();
        }
    }

    @Test
    void aSlowStepIsLoggedWithItsTaskAndTheLinesWhereItStartedAndEnded() {
        List<String> logged = run(true);
        // on a loaded machine a cold first step may be slow too: look for the spinner's
        List<String> spinner = logged.stream().filter(l -> l.startsWith("Executing Task spinner")).toList();
        assertEquals(1, spinner.size(), logged.toString());
        assertTrue(logged.stream().noneMatch(l -> l.contains("polite")), logged.toString());
        String cls = DebugModeTest.class.getName();
        String m = spinner.get(0);
        assertTrue(m.startsWith("Executing Task spinner from " + cls + ".spinner (DebugModeTest.java:31) to "
                + cls + ".spinner (DebugModeTest.java:33) took 0."), m);
        assertTrue(m.endsWith(" seconds"), m);
    }

    @Test
    void withoutDebugModeNothingIsLogged() {
        assertEquals(List.of(), run(false));
    }
}
