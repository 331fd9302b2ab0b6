package io.github.jawait.benchmarks.net;

import io.github.jawait.benchmarks.JvmMemory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The control channel of every Java echo server: the benchmark client ({@link NetBench}) writes
 * commands to the server's standard input and reads the answers on its standard output, so that
 * the measurements never travel over the sockets being measured.
 *
 * <ul>
 *   <li>{@code conns} → {@code CONNS <n>}: connections whose handler is running;</li>
 *   <li>{@code heap} → {@code HEAP <bytes> <n>}: used heap after full GCs, and connections;</li>
 *   <li>{@code alloc} → {@code ALLOC <bytes>}: bytes allocated so far by all live threads;</li>
 *   <li>{@code stream-begin} → {@code STREAM_READY}: takes the heap baseline, then samples the
 *       heap after a GC every 10 ms; {@code stream-end} → {@code STREAM <peak growth bytes>
 *       <largest write buffer bytes> <high water bytes>};</li>
 *   <li>{@code quit}: ends the process.</li>
 * </ul>
 */
final class ServerControl {
    /** Connections whose handler runs (incremented at its start, decremented at its end). */
    static final AtomicInteger CONNECTIONS = new AtomicInteger();
    /** The largest write buffer a streaming handler saw (only jawait's streamer sets it). */
    static final AtomicLong MAX_WRITE_BUFFER = new AtomicLong();

    private static volatile boolean sampling;
    private static Thread sampler;
    private static long baseline;
    private static long peak;

    private ServerControl() {
    }

    /**
     * Prints {@code PORT <echo port>} or, with a streaming server, {@code PORT <echo port>
     * <stream port> <high water>}, then serves the commands on stdin on a daemon thread. */
    static void start(int port, int streamPort, long highWater) {
        say(streamPort > 0 ? "PORT " + port + " " + streamPort + " " + highWater : "PORT " + port);
        Thread t = new Thread(() -> serve(highWater), "bench-control");
        t.setDaemon(true);
        t.start();
    }

    static void say(String line) {
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
    }

    private static void serve(long highWater) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                switch (line.trim()) {
                    case "conns" -> say("CONNS " + CONNECTIONS.get());
                    case "heap" -> say("HEAP " + JvmMemory.heapAfterGc() + " " + CONNECTIONS.get());
                    case "alloc" -> say("ALLOC " + JvmMemory.allocatedBytesOfLiveThreads());
                    case "stream-begin" -> beginSampling();
                    case "stream-end" -> say("STREAM " + endSampling() + " " + MAX_WRITE_BUFFER.get() + " " + highWater);
                    case "quit" -> System.exit(0); // runs the shutdown hooks: a JFR recording is written
                    default -> say("ERROR unknown command " + line);
                }
            }
        } catch (IOException | InterruptedException e) {
            e.printStackTrace();
        }
        System.exit(0); // the client went away
    }

    private static void beginSampling() {
        baseline = JvmMemory.heapAfterGc();
        peak = baseline;
        MAX_WRITE_BUFFER.set(0);
        sampling = true;
        sampler = new Thread(() -> {
            while (sampling) {
                System.gc(); // what is retained right now: buffered data, not garbage
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                peak = Math.max(peak, used);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap-sampler");
        sampler.start();
        say("STREAM_READY");
    }

    private static long endSampling() throws InterruptedException {
        sampling = false;
        sampler.join();
        return peak - baseline;
    }
}
