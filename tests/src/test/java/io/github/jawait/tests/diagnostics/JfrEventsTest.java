package io.github.jawait.tests.diagnostics;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Task;
import io.github.jawait.VirtualClock;
import io.github.jawait.jfr.JfrEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/** The JFR events, recorded in process and read back from the recording file. */
class JfrEventsTest {
    private static final String CLS = JfrEventsTest.class.getName();

    static void spin(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    @Async
    static Coroutine<Integer> ok() {
        await(sleep(0.01));
        return result(42);
    }

    @Async
    static Coroutine<Void> boom() {
        await(sleep(0.01));
        throw new IllegalArgumentException("boom");
    }

    @Async
    static Coroutine<Void> spinner() {
        await(sleep(0.01));
        spin(250); // holds the loop: a slow step, and a stalled turn
        await(sleep(0.01));
        return done();
    }

    @Async
    static Coroutine<Void> forever() {
        await(sleep(1000));
        return done();
    }

    @Async
    static Coroutine<Void> main() {
        Task<Integer> a = createTask(ok(), "ok");
        Task<Void> b = createTask(boom(), "boom");
        Task<Void> c = createTask(spinner(), "spinner");
        Task<Void> d = createTask(forever(), "forever");
        await(a);
        try {
            await(b);
        } catch (IllegalArgumentException expected) {
            // retrieved
        }
        await(c);
        d.cancel();
        await(sleep(0));
        return done();
    }

    private static List<RecordedEvent> record(Runnable work) throws Exception {
        Path file = Files.createTempFile("jawait", ".jfr");
        try (Recording r = new Recording()) {
            r.enable("jawait.TaskStart");
            r.enable("jawait.TaskEnd");
            r.enable("jawait.SlowStep").withThreshold(Duration.ofMillis(200));
            r.enable("jawait.LoopStall").withThreshold(Duration.ofMillis(200));
            r.start();
            work.run();
            r.stop();
            r.dump(file);
            return RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().startsWith("jawait."))
                    .toList();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void runMain() {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            loop.runUntilComplete(main());
        }
    }

    @Test
    void tasksStartAndEndWithTheirOutcome() throws Exception {
        List<RecordedEvent> events = record(JfrEventsTest::runMain);
        Map<String, String> starts = events.stream().filter(e -> e.getEventType().getName().equals("jawait.TaskStart"))
                .collect(Collectors.toMap(e -> e.getString("taskName"), e -> e.getString("coroutine")));
        assertEquals(Map.of("Task-1", CLS + ".main", "ok", CLS + ".ok", "boom", CLS + ".boom",
                "spinner", CLS + ".spinner", "forever", CLS + ".forever"), starts);
        Map<String, String> ends = events.stream().filter(e -> e.getEventType().getName().equals("jawait.TaskEnd"))
                .collect(Collectors.toMap(e -> e.getString("taskName"),
                        e -> e.getString("outcome") + (e.getString("failure") == null ? "" : " " + e.getString("failure"))));
        assertEquals(Map.of("Task-1", "succeeded", "ok", "succeeded",
                "boom", "failed java.lang.IllegalArgumentException: boom",
                "spinner", "succeeded", "forever", "cancelled"), ends);
        RecordedEvent okStart = events.stream().filter(e -> e.getEventType().getName().equals("jawait.TaskStart")
                && e.getString("taskName").equals("ok")).findFirst().orElseThrow();
        assertEquals(2, okStart.getInt("taskId"));
    }

    @Test
    void aSlowStepIsRecordedWithItsTaskAndLinesAndTheStalledTurnWithIt() throws Exception {
        List<RecordedEvent> events = record(JfrEventsTest::runMain);
        List<RecordedEvent> slow = events.stream().filter(e -> e.getEventType().getName().equals("jawait.SlowStep")
                && "spinner".equals(e.getString("taskName"))).toList();
        assertEquals(1, slow.size(), events.toString());
        RecordedEvent s = slow.get(0);
        assertEquals(CLS + ".spinner (JfrEventsTest.java:55)", s.getString("from"));
        assertEquals(CLS + ".spinner (JfrEventsTest.java:57)", s.getString("to"));
        assertNull(s.getString("callback"));
        assertTrue(s.getDuration().toMillis() >= 250, s.toString());
        List<RecordedEvent> stalls = events.stream().filter(e -> e.getEventType().getName().equals("jawait.LoopStall"))
                .filter(e -> e.getDuration().toMillis() >= 250).toList();
        assertTrue(stalls.size() >= 1, events.toString());
        assertTrue(stalls.get(0).getInt("steps") >= 1, stalls.toString());
    }

    @Async
    static Coroutine<Void> slowFirstStep(int i) {
        if (i == 4) {
            spin(250); // stalls the turn that runs the gathered tasks' first steps
        }
        return done();
    }

    @Async
    static Coroutine<Void> gatherFive() {
        await(io.github.jawait.Asyncio.gather(slowFirstStep(0), slowFirstStep(1), slowFirstStep(2),
                slowFirstStep(3), slowFirstStep(4)));
        return done();
    }

    @Test
    void aStalledTurnCountsEachGatheredTasksFirstStep() throws Exception {
        List<RecordedEvent> events = record(() -> {
            try (EventLoop loop = new EventLoop(new VirtualClock())) {
                loop.runUntilComplete(gatherFive());
            }
        });
        List<RecordedEvent> stalls = events.stream().filter(e -> e.getEventType().getName().equals("jawait.LoopStall"))
                .filter(e -> e.getDuration().toMillis() >= 250).toList();
        assertEquals(1, stalls.size(), events.toString());
        // the five first steps run from one ready item; the turn still ran five steps
        assertEquals(5, stalls.get(0).getInt("steps"), stalls.toString());
    }

    @Test
    void theRuntimeSeesRecordingsStartAndStop() {
        try (Recording r = new Recording()) {
            r.enable("jawait.TaskStart");
            r.start();
            new EventLoop(new VirtualClock()).close(); // with JFR up, a loop starts listening
            assertTrue(JfrEvents.recording);
            r.stop();
            assertFalse(JfrEvents.recording, "no recording running: the loop makes no event");
        }
        try (Recording again = new Recording()) {
            again.start(); // seen through the listener, without a new loop
            assertTrue(JfrEvents.recording);
            again.stop();
            assertFalse(JfrEvents.recording);
        }
    }
}
