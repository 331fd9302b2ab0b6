package io.github.jawait.samples;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs the samples by name: {@code Samples all} runs every one, {@code Samples gather} one.
 * Each sample is a package with a {@code main}; this table maps names to classes.
 */
public final class Samples {
    private static final Map<String, String> SAMPLES = new LinkedHashMap<>();

    static {
        // in the order of the guide
        SAMPLES.put("sync-vs-async", "io.github.jawait.samples.syncvsasync.SyncVsAsync");
        SAMPLES.put("greet", "io.github.jawait.samples.greet.Greet");
        SAMPLES.put("coroutine-vs-function", "io.github.jawait.samples.coroutinevsfunction.CoroutineVsFunction");
        SAMPLES.put("event-loop", "io.github.jawait.samples.eventloop.EventLoopTasks");
        SAMPLES.put("create-task", "io.github.jawait.samples.createtask.CreateTask");
        SAMPLES.put("gather", "io.github.jawait.samples.gather.GatherUsers");
        SAMPLES.put("wait", "io.github.jawait.samples.wait.WaitAndRace");
        SAMPLES.put("task-group", "io.github.jawait.samples.taskgroup.TaskGroupSample");
        SAMPLES.put("async-file-io", "io.github.jawait.samples.asyncfile.AsyncFileIo");
        SAMPLES.put("async-http", "io.github.jawait.samples.asynchttp.AsyncHttpRequests");
        SAMPLES.put("async-database", "io.github.jawait.samples.asyncdatabase.AsyncDatabase");
        SAMPLES.put("async-generators", "io.github.jawait.samples.asyncgenerators.AsyncGenerators");
        SAMPLES.put("stream-processing", "io.github.jawait.samples.streamprocessing.StreamProcessing");
        SAMPLES.put("timeouts", "io.github.jawait.samples.timeouts.Timeouts");
        SAMPLES.put("cancellation", "io.github.jawait.samples.cancellation.Cancellation");
        SAMPLES.put("async-with", "io.github.jawait.samples.asyncwith.AsyncWith");
        SAMPLES.put("async-context-manager", "io.github.jawait.samples.asynccontextmanager.AsyncContextManager");
        SAMPLES.put("run-in-executor", "io.github.jawait.samples.runinexecutor.RunInExecutor");
        SAMPLES.put("async-from-sync", "io.github.jawait.samples.asyncfromsync.AsyncFromSync");
        SAMPLES.put("avoid-blocking", "io.github.jawait.samples.avoidblocking.AvoidBlocking");
        SAMPLES.put("exception-handling", "io.github.jawait.samples.exceptionhandling.ExceptionHandling");
        SAMPLES.put("task-group-practice", "io.github.jawait.samples.taskgrouppractice.TaskGroupPractice");
        SAMPLES.put("limited-concurrency", "io.github.jawait.samples.limitedconcurrency.LimitedConcurrency");
        SAMPLES.put("frontend", "io.github.jawait.samples.frontend.FrontendComparison");
        // network programs on jawait's streams (docs/io.md), on 127.0.0.1
        SAMPLES.put("echo-server", "io.github.jawait.samples.echo.EchoServerAndClient");
        SAMPLES.put("chat-server", "io.github.jawait.samples.chat.ChatDemo");
        SAMPLES.put("http-sse", "io.github.jawait.samples.httpsse.HttpSseDemo");
        // diagnostics (docs/debugging.md)
        SAMPLES.put("flight-recording", "io.github.jawait.samples.flightrecording.FlightRecording");
    }

    private Samples() {
    }

    /** Sample name to class name, in the guide's order. */
    public static Map<String, String> all() {
        return Collections.unmodifiableMap(SAMPLES);
    }

    public static void main(String[] args) throws Throwable {
        String which = args.length == 0 ? "all" : args[0];
        if (!which.equals("all") && !SAMPLES.containsKey(which)) {
            System.err.println("unknown sample '" + which + "'; choose one of " + SAMPLES.keySet() + " or all");
            System.exit(2);
        }
        for (Map.Entry<String, String> e : SAMPLES.entrySet()) {
            if (which.equals("all") || which.equals(e.getKey())) {
                System.out.println("=== " + e.getKey() + " (" + e.getValue() + ")");
                Method main = Class.forName(e.getValue()).getMethod("main", String[].class);
                main.invoke(null, (Object) new String[0]);
                System.out.println();
            }
        }
    }
}
