package io.github.jawait.samples.flightrecording;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gatherSettled;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.LoopClock;
import io.github.jawait.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * jawait's JFR events (docs/debugging.md): records a small run in process, then prints the
 * jawait events the way {@code jfr print --events jawait.* run.jfr} does. The same recording
 * from outside: {@code java -XX:StartFlightRecording:filename=run.jfr,settings=profile ...}
 * with the events enabled in a settings file, or {@code jcmd <pid> JFR.start}.
 */
public final class FlightRecording {

    private FlightRecording() {
    }

    @Async
    static Coroutine<String> fetch(String name, double seconds) {
        await(sleep(seconds));
        if (name.endsWith("3")) {
            throw new IllegalStateException(name + " is down");
        }
        return result(name + " ok");
    }

    @Async
    static Coroutine<Void> blocker() {
        await(sleep(0.1));
        long end = System.nanoTime() + 60_000_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait(); // holds the loop for 60 ms: what jawait.SlowStep is there to show
        }
        return done();
    }

    @Async
    static Coroutine<Void> main() {
        Task<Void> slow = createTask(blocker(), "blocker");
        Task<String> never = createTask(fetch("fetch-4", 60), "fetch-4");
        await(gatherSettled(createTask(fetch("fetch-1", 0.2), "fetch-1"),
                createTask(fetch("fetch-2", 0.3), "fetch-2"), createTask(fetch("fetch-3", 0.1), "fetch-3")));
        await(slow);
        never.cancel();
        await(sleep(0));
        return done();
    }

    public static void run(LoopClock clock) throws Exception {
        Path file = Files.createTempFile("jawait-sample", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jawait.TaskStart");
            recording.enable("jawait.TaskEnd");
            recording.enable("jawait.SlowStep").withThreshold(Duration.ofMillis(50));
            recording.enable("jawait.LoopStall").withThreshold(Duration.ofMillis(50));
            recording.start();
            Asyncio.run(main(), clock);
            recording.stop();
            recording.dump(file);
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                if (e.getEventType().getName().startsWith("jawait.")) {
                    System.out.print(e); // the text `jfr print` writes for each event
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    public static void main(String[] args) throws Exception {
        run(LoopClock.system());
    }
}
