package io.github.jawait.tests.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Asyncio;
import io.github.jawait.LoopClock;
import io.github.jawait.VirtualClock;
import io.github.jawait.samples.Samples;
import io.github.jawait.samples.asynccontextmanager.AsyncContextManager;
import io.github.jawait.samples.asyncdatabase.AsyncDatabase;
import io.github.jawait.samples.asyncfile.AsyncFileIo;
import io.github.jawait.samples.asyncfromsync.AsyncFromSync;
import io.github.jawait.samples.asyncgenerators.AsyncGenerators;
import io.github.jawait.samples.asynchttp.AsyncHttpRequests;
import io.github.jawait.samples.asyncwith.AsyncWith;
import io.github.jawait.samples.avoidblocking.AvoidBlocking;
import io.github.jawait.samples.cancellation.Cancellation;
import io.github.jawait.samples.coroutinevsfunction.CoroutineVsFunction;
import io.github.jawait.samples.createtask.CreateTask;
import io.github.jawait.samples.eventloop.EventLoopTasks;
import io.github.jawait.samples.flightrecording.FlightRecording;
import io.github.jawait.samples.exceptionhandling.ExceptionHandling;
import io.github.jawait.samples.frontend.FrontendComparison;
import io.github.jawait.samples.gather.GatherUsers;
import io.github.jawait.samples.greet.Greet;
import io.github.jawait.samples.runinexecutor.RunInExecutor;
import io.github.jawait.samples.streamprocessing.StreamProcessing;
import io.github.jawait.samples.syncvsasync.SyncVsAsync;
import io.github.jawait.samples.taskgroup.TaskGroupSample;
import io.github.jawait.samples.taskgrouppractice.TaskGroupPractice;
import io.github.jawait.samples.timeouts.Timeouts;
import io.github.jawait.samples.wait.WaitAndRace;
import io.github.jawait.tests.asyncio.LogCapture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the guide's examples (module samples) and checks what they print, line for line. Each
 * sample's {@code run(LoopClock)} is its Python module's top level; here it gets a
 * {@link VirtualClock}, so sleeps take no time and the timings printed from loop.time() are
 * exact ("Total: 1.0s"). Work done on other threads (files, HTTP, thread pools) is real.
 */
class SamplesOutputTest {

    interface Program {
        void run(LoopClock clock) throws Exception;
    }

    final VirtualClock clock = new VirtualClock();

    /** What {@code program} prints to System.out on {@link #clock}, as lines. */
    List<String> output(Program program) throws Exception {
        return output(program, clock);
    }

    static List<String> output(Program program, LoopClock clock) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            program.run(clock);
        } finally {
            System.setOut(saved);
        }
        return buf.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void everyRegisteredSampleHasMainAndRun() throws Exception {
        Map<String, String> all = Samples.all();
        assertTrue(all.size() >= 23, "samples: " + all.keySet());
        for (String className : all.values()) {
            Class<?> c = Class.forName(className);
            assertTrue(Modifier.isStatic(c.getMethod("main", String[].class).getModifiers()), className);
            assertNotNull(c.getMethod("run", LoopClock.class), className);
        }
    }

    @Test
    void syncVsAsyncGathersThreeFetchesInOneSecond() throws Exception {
        // the sync half sleeps for real; the async half is what the loop does
        List<String> lines = output(c -> assertEquals(List.of("data", "data", "data"), Asyncio.run(SyncVsAsync.asyncMain(), c)));
        assertEquals(List.of("Total: 1.0s"), lines);
    }

    @Test
    void flightRecordingPrintsTheJawaitEventsAsJfrPrintDoes() throws Exception {
        List<String> lines = output(FlightRecording::run);
        List<String> names = lines.stream().filter(l -> l.startsWith("jawait.")).toList();
        assertEquals(6, names.stream().filter(l -> l.equals("jawait.TaskStart {")).count(), lines.toString());
        assertEquals(6, names.stream().filter(l -> l.equals("jawait.TaskEnd {")).count(), lines.toString());
        assertTrue(names.contains("jawait.SlowStep {"), lines.toString());
        List<String> fields = lines.stream().map(String::trim).toList();
        assertEquals(1, fields.stream().filter(l -> l.equals("failure = \"java.lang.IllegalStateException: fetch-3 is down\"")).count());
        assertEquals(1, fields.stream().filter(l -> l.equals("outcome = \"cancelled\"")).count());
        assertEquals(4, fields.stream().filter(l -> l.equals("outcome = \"succeeded\"")).count());
        assertTrue(fields.contains("taskName = \"blocker\""), lines.toString());
    }

    @Test
    void greet() throws Exception {
        assertEquals(List.of("Hello, Alice!"), output(Greet::run));
        assertEquals(1.0, clock.seconds(), 1e-9);
    }

    @Test
    void coroutineVsFunction() throws Exception {
        assertEquals(List.of(
                "result",
                "<coroutine io.github.jawait.samples.coroutinevsfunction.CoroutineVsFunction.coroutineFunction created>",
                "result"), output(CoroutineVsFunction::run));
    }

    @Test
    void eventLoopRunsTask2BeforeTask1() throws Exception {
        assertEquals(List.of(
                "Task1 started",
                "Task2 started",
                "Task2 completed",
                "Task1 completed",
                "Results: Task1 result, Task2 result",
                "Total: 2.0s"), output(EventLoopTasks::run));
    }

    @Test
    void createTaskAndGather() throws Exception {
        assertEquals(List.of(
                "Tasks created",
                "Data 1 Data 2",
                "Total: 1.0s",
                "[Data 1, Data 2, Data 3]",
                "Total: 1.0s"), output(CreateTask::run));
    }

    @Test
    void gatherAndGatherSettled() throws Exception {
        assertEquals(List.of(
                "[User[id=1, name=User1], User[id=2, name=User2], User[id=3, name=User3]]",
                "Success: User[id=1, name=User1]",
                "Success: User[id=2, name=User2]",
                "Error: User 999 not found",
                "Total: 2.0s"), output(GatherUsers::run));
    }

    @Test
    void waitRaceAndAny() throws Exception {
        assertEquals(List.of(
                "A done",
                "B done",
                "C done",
                "First completed: A done",
                "First completed: A done after 0.1s",
                "B cancelled: true",
                "C cancelled: true",
                "race: A done",
                "any: A done"), output(WaitAndRace::run));
        assertEquals(3.0 + 0.1 + 1 + 1, clock.seconds(), 1e-9); // losers of race/any were cancelled
    }

    @Test
    void taskGroup() throws Exception {
        assertEquals(List.of("A done B done C done", "Total: 1.0s"), output(TaskGroupSample::run));
    }

    @Test
    void asyncFileIoReadsThreeFilesConcurrently() throws Exception {
        assertEquals(List.of(
                "[contents of file1.txt, contents of file2.txt, contents of file3.txt]",
                "[first line, second line] in [file1.txt, file2.txt, file3.txt, notes.txt]"), output(AsyncFileIo::run));
    }

    @Test
    void asyncHttpAgainstALocalHttpsServerTakesTheSlowestNotTheSum() throws Exception {
        List<String> lines = output(AsyncHttpRequests::run);
        assertEquals(2, lines.size(), lines.toString());
        assertEquals("[{\"login\": \"python\", \"type\": \"Organization\"}, {\"login\": \"microsoft\", \"type\": \"Organization\"},"
                + " {\"login\": \"google\", \"type\": \"Organization\"}]", lines.get(0));
        Matcher m = Pattern.compile("answered in 0\\.5 s, 0\\.6 s and 0\\.7 s: one after another (\\d+\\.\\d\\d) s \\(the sum\\),"
                + " together (\\d+\\.\\d\\d) s \\(the slowest\\)").matcher(lines.get(1));
        assertTrue(m.matches(), lines.get(1));
        double oneByOne = Double.parseDouble(m.group(1));
        double together = Double.parseDouble(m.group(2));
        assertTrue(oneByOne >= 1.8, "one after another takes at least the sum: " + oneByOne);
        assertTrue(together >= 0.7, "together takes at least the slowest: " + together);
        // wall time on a shared machine: compared with the sequential run, not with a constant
        assertTrue(together < oneByOne - 0.5, "the three overlap: " + together + " s, one by one " + oneByOne + " s");
    }

    @Test
    void asyncDatabaseOnAnEmbeddedPostgres() throws Exception {
        // a real server: started for the run, the guide's SQL, rows as asyncpg prints Records
        assertEquals(List.of(
                "<Record id=1 name='Alice' email='alice@example.com'>",
                "<Record id=2 name='Bob' email='bob@example.com'>"), output(c -> AsyncDatabase.run(c, null)));
    }

    @Test
    void asyncGenerators() throws Exception {
        assertEquals(List.of("0", "1", "2", "3", "4", "[0, 1, 2, 3, 4]"), output(AsyncGenerators::run));
        assertEquals(1.0, clock.seconds(), 1e-9);
    }

    @Test
    void streamProcessingKeepsTheEvenNumbers() throws Exception {
        assertEquals(List.of("Even: 0", "Even: 2", "Even: 4", "Even: 6", "Even: 8"), output(StreamProcessing::run));
        assertEquals(1.0, clock.seconds(), 1e-9);
    }

    @Test
    void timeouts() throws Exception {
        assertEquals(List.of("Operation timed out!", "asyncio.run raised AsyncTimeoutException: timed out after 2 s"),
                output(Timeouts::run));
        assertEquals(4.0, clock.seconds(), 1e-9);
    }

    @Test
    void cancellation() throws Exception {
        assertEquals(List.of("Task started", "Task was cancelled", "Main caught cancellation", "Total: 1.0s"),
                output(Cancellation::run));
    }

    @Test
    void asyncWith() throws Exception {
        assertEquals(List.of("Acquiring resource", "Using resource", "Releasing resource"), output(AsyncWith::run));
        assertEquals(0.2, clock.seconds(), 1e-9);
    }

    @Test
    void asyncContextManager() throws Exception {
        assertEquals(List.of("Operation started", "Operation took 1.00s"), output(AsyncContextManager::run));
    }

    @Test
    void runInExecutor() throws Exception {
        assertEquals(List.of("result"), output(RunInExecutor::run)); // 2 s of real blocking on a pool thread
    }

    @Test
    void asyncFromSync() throws Exception {
        assertEquals(List.of("asyncio.run: async result", "run_until_complete: async result"), output(AsyncFromSync::run));
        assertEquals(2.0, clock.seconds(), 1e-9);
    }

    @Test
    void avoidBlockingOnTheSystemClock() throws Exception {
        // blocking takes real time, which a virtual clock does not see: this one runs on the system clock
        List<String> lines = output(AvoidBlocking::run, LoopClock.system());
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(seconds(lines.get(0), "gather(bad(), bad())") >= 2.0, lines.get(0)); // the loop was blocked twice
        assertTrue(seconds(lines.get(1), "gather(good(), good())") < 1.5, lines.get(1));
        assertTrue(seconds(lines.get(2), "gather(goodWithBlocking(), goodWithBlocking())") < 1.5, lines.get(2));
    }

    private static double seconds(String line, String prefix) {
        Matcher m = Pattern.compile(Pattern.quote(prefix) + ": (\\d+\\.\\d)s").matcher(line);
        assertTrue(m.matches(), line);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void exceptionHandlingReportsTheNeverRetrievedFailureWhenTheLoopCloses() throws Exception {
        List<LogRecord> records;
        List<String> lines;
        try (LogCapture log = new LogCapture()) {
            lines = output(ExceptionHandling::run);
            records = log.records;
        }
        assertEquals(List.of("Caught: Something went wrong"), lines);
        assertEquals(1, records.size(), records.toString());
        LogRecord r = records.get(0);
        assertEquals(Level.SEVERE, r.getLevel());
        assertTrue(r.getMessage().startsWith("Task task_with_error (never awaited) "), r.getMessage());
        assertTrue(r.getMessage().endsWith("exception was never retrieved"), r.getMessage());
        assertTrue(r.getThrown() instanceof IllegalArgumentException, String.valueOf(r.getThrown()));
        assertEquals("Something went wrong", r.getThrown().getMessage());
    }

    @Test
    void taskGroupPractice() throws Exception {
        assertEquals(List.of(
                "task2 done",
                "task1 done",
                "all tasks finished",
                "task1 cancelled",
                "TaskGroupException: [task2 failed]"), output(TaskGroupPractice::run));
        assertEquals(1.5, clock.seconds(), 1e-9);
    }

    @Test
    void limitedConcurrencyAgainstARealServer() throws Exception {
        List<String> lines = output(io.github.jawait.samples.limitedconcurrency.LimitedConcurrency::run);
        assertEquals(3, lines.size(), lines.toString());
        assertEquals("100 results, first: {\"page\": 0}, last: {\"page\": 99}", lines.get(0));
        assertEquals("the server saw at most 10 requests at once", lines.get(1));
        Matcher m = Pattern.compile("Total: (\\d+\\.\\d)s").matcher(lines.get(2));
        assertTrue(m.matches(), lines.get(2));
        double total = Double.parseDouble(m.group(1));
        // ten rounds of 0.1 s at the least; wall time on a shared machine, so only a bound against hanging above
        assertTrue(total >= 1.0 && total < 60.0, "ten rounds of 0.1 s: " + total + " s");
    }

    @Test
    void frontendComparison() throws Exception {
        assertEquals(List.of("[{\"url\": \"url1\"}, {\"url\": \"url2\"}, {\"url\": \"url3\"}]"), output(FrontendComparison::run));
    }

    // ---- network samples on jawait's streams: real sockets on 127.0.0.1, the system clock ----

    @Test
    void echoServerAndClientAsInAsynciosDocs() throws Exception {
        List<String> expected = new ArrayList<>(List.of("[server] Serving on 127.0.0.1"));
        for (String m : List.of("'Hello World!'", "'Bonjour, 世界'")) {
            expected.addAll(List.of(
                    "[client] Send: " + m,
                    "[server] Received " + m + " from 127.0.0.1",
                    "[server] Send: " + m,
                    "[server] Close the connection",
                    "[client] Received: " + m,
                    "[client] Close the connection"));
        }
        expected.add("[server] Closed");
        assertEquals(expected, output(io.github.jawait.samples.echo.EchoServerAndClient::run, LoopClock.system()));
    }

    @Test
    void chatServerBroadcastsAndDropsTheClientThatStopsReadingWithoutSlowingTheOthers() throws Exception {
        assertEquals(List.of(
                "alice <- welcome alice, 0 others online",
                "bob <- welcome bob, 1 others online",
                "alice <- * bob joined",
                "carol <- welcome carol, 2 others online",
                "alice <- * carol joined",
                "bob <- * carol joined",
                "alice says: hi all",
                "bob <- alice: hi all",
                "carol <- alice: hi all",
                "bob says: hello alice",
                "alice <- bob: hello alice",
                "carol <- bob: hello alice",
                "carol stops reading; alice sends 10000 lines",
                "bob <- all 10000 lines from alice, in order, and: * carol was dropped (too slow)",
                "alice <- * carol was dropped (too slow)",
                "carol <- part of the flood, then the end of her connection",
                "bob leaves",
                "alice <- * bob left",
                "alice leaves",
                "server: alice joined",
                "server: bob joined",
                "server: carol joined",
                "server: carol dropped: did not read; 64 lines queued",
                "server: bob left",
                "server: alice left",
                "server: 0 members left"), output(io.github.jawait.samples.chat.ChatDemo::run, LoopClock.system()));
    }

    @Test
    void httpServerAnswersJsonAndStreamsServerSentEvents() throws Exception {
        assertEquals(List.of(
                "GET /api/users -> 200 application/json [{\"id\": 1, \"name\": \"Alice\"}, {\"id\": 2, \"name\": \"Bob\"}]",
                "GET /api/users/2 -> 200 application/json {\"id\": 2, \"name\": \"Bob\"}",
                "GET /api/users/9 -> 404 application/json {\"error\": \"no such user\"}",
                "GET /nothing/here -> 404 application/json {\"error\": \"not found\"}",
                "GET /events -> HTTP/1.1 200 OK",
                "  Content-Type: text/event-stream",
                "  event id: 1 | event: tick | data: {\"n\": 1, \"of\": 3}",
                "  event id: 2 | event: tick | data: {\"n\": 2, \"of\": 3}",
                "  event id: 3 | event: tick | data: {\"n\": 3, \"of\": 3}",
                "  end of stream after 3 events",
                "server closed"), output(io.github.jawait.samples.httpsse.HttpSseDemo::run, LoopClock.system()));
    }
}
