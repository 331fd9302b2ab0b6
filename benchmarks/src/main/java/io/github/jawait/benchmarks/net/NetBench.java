package io.github.jawait.benchmarks.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load client of the network benchmarks, in its own process: starts one echo server (the
 * command after {@code --}) as a child process, drives it over loopback, reads the server's CPU
 * time from {@code /proc/<pid>/stat}, and prints {@code RESULT <metric> <value>} lines for
 * {@code benchmarks/summarize.py}. Run on JDK 21+ (virtual threads; the harness uses JDK 25):
 *
 * <pre>
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -cp benchmarks/target/jawait-benchmarks.jar \
 *     io.github.jawait.benchmarks.net.NetBench [--quick] -- SERVER COMMAND...
 * </pre>
 *
 * {@code -Dnetbench.warmup=N -Dnetbench.requests=N} change the echo counts,
 * {@code -Dnetbench.echoOnly=true} stops after the 100-connection echo (to profile a server).
 *
 * <p>Scenarios, in order, each bounded: (1) 1 KiB echo over 100 connections, one virtual thread
 * per connection sending a request and reading the whole echo before the next (warm-up, then a
 * measured window): requests/s, latency p50/p99, server CPU per request, the cores the server and
 * this client kept busy; (2) the same over one
 * connection: round-trip p50/p99; (3) if the server offers a stream port (jawait): 64 MiB
 * written with {@code write} + {@code drain} to a slow reader, the server's peak heap growth;
 * (4) idle connections held open: the server's heap after GC per connection beyond its baseline.
 */
public final class NetBench {
    static final int SIZE = 1024;
    static final int CONNECTIONS = 100;

    private final boolean quick;
    private final Process server;
    private final PrintStream control;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final long clockTicks;

    private NetBench(boolean quick, List<String> command) throws IOException {
        this.quick = quick;
        this.server = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        this.control = new PrintStream(server.getOutputStream(), true, StandardCharsets.US_ASCII);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.US_ASCII))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the server ended
            }
        }, "server-stdout");
        reader.setDaemon(true);
        reader.start();
        this.clockTicks = clockTicks();
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(List.of(args));
        int dash = rest.indexOf("--");
        if (dash < 0 || dash == rest.size() - 1) {
            System.err.println("usage: NetBench [--quick] -- SERVER COMMAND...");
            System.exit(2);
        }
        boolean quick = rest.subList(0, dash).contains("--quick");
        NetBench bench = new NetBench(quick, rest.subList(dash + 1, rest.size()));
        try {
            bench.run();
        } finally {
            bench.stop();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        // "PORT <echo port>", or "PORT <echo port> <stream port> <high water>" (jawait)
        String[] port = expect("PORT").split(" ");
        int echoPort = Integer.parseInt(port[1]);
        echoLoad(echoPort, Integer.getInteger("netbench.warmup", quick ? 10_000 : 100_000),
                Integer.getInteger("netbench.requests", quick ? 30_000 : 400_000));
        if (Boolean.getBoolean("netbench.echoOnly")) { // for profiling the server under load
            return;
        }
        roundTrip(echoPort, quick ? 1_000 : 10_000, quick ? 3_000 : 30_000);
        if (port.length == 4) { // before the idle connections, whose closing frees heap late
            slowReader(Integer.parseInt(port[2]), Long.parseLong(port[3]));
        }
        idle(echoPort, quick ? 1_000 : 10_000);
    }

    // ---- (1) 100 connections ------------------------------------------------------------------

    private void echoLoad(int port, int warmup, int measured) throws Exception {
        int perConn = measured / CONNECTIONS;
        long[][] latencies = new long[CONNECTIONS][perConn];
        CyclicBarrier start = new CyclicBarrier(CONNECTIONS + 1);
        CyclicBarrier end = new CyclicBarrier(CONNECTIONS + 1);
        LongAdder exchanged = new LongAdder(); // warm-up and measured: divides the allocation
        ExecutorService clients = VirtualThreads.perTaskExecutor();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                long[] lat = latencies[c];
                done.add(clients.submit(() -> {
                    try (Socket s = connect(port)) {
                        byte[] req = new byte[SIZE];
                        byte[] resp = new byte[SIZE];
                        OutputStream out = s.getOutputStream();
                        InputStream in = s.getInputStream();
                        for (int i = 0; i < warmup / CONNECTIONS; i++) {
                            exchange(out, in, req, resp);
                            exchanged.increment();
                        }
                        start.await();
                        for (int i = 0; i < perConn; i++) {
                            long t = System.nanoTime();
                            exchange(out, in, req, resp);
                            lat[i] = System.nanoTime() - t;
                            exchanged.increment();
                        }
                        end.await();
                    }
                    return null;
                }));
            }
            Thread.sleep(quick ? 200 : 1000); // into the warm-up
            long n0 = exchanged.sum();
            long alloc0 = Long.parseLong(ask("alloc", "ALLOC").split(" ")[1]);
            long n1 = exchanged.sum();
            start.await(120, TimeUnit.SECONDS);
            long cpu0 = serverCpuNanos();
            long own0 = clientCpuNanos();
            long t0 = System.nanoTime();
            end.await(300, TimeUnit.SECONDS);
            long t1 = System.nanoTime();
            long cpu1 = serverCpuNanos();
            long own1 = clientCpuNanos();
            long alloc1 = Long.parseLong(ask("alloc", "ALLOC").split(" ")[1]);
            for (Future<?> f : done) {
                f.get();
            }
            long requests = (long) perConn * CONNECTIONS;
            report("net.echo_rps", requests / ((t1 - t0) / 1e9));
            report("net.cpu_us_per_req", (cpu1 - cpu0) / 1e3 / requests);
            // how many cores each side kept busy: on a 2-core machine the client's share is what
            // a server of several loops cannot have
            report("net.server_cores", (cpu1 - cpu0) / (double) (t1 - t0));
            if (own0 >= 0 && own1 >= 0) {
                report("net.client_cores", (own1 - own0) / (double) (t1 - t0));
            }
            if (alloc0 >= 0 && alloc1 >= 0) { // from the middle of the warm-up to the end
                long n = requests + warmup / CONNECTIONS * CONNECTIONS - (n0 + n1) / 2;
                report("net.alloc_B_per_req", (alloc1 - alloc0) / (double) n);
            }
            long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).toArray();
            Arrays.sort(all);
            report("net.echo_p50_us", percentile(all, 0.50) / 1e3);
            report("net.echo_p99_us", percentile(all, 0.99) / 1e3);
        } finally {
            clients.shutdownNow();
        }
    }

    // ---- (2) one connection ----------------------------------------------------------------------

    private void roundTrip(int port, int warmup, int measured) throws Exception {
        try (Socket s = connect(port)) {
            byte[] req = new byte[SIZE];
            byte[] resp = new byte[SIZE];
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int i = 0; i < warmup; i++) {
                exchange(out, in, req, resp);
            }
            long[] lat = new long[measured];
            for (int i = 0; i < measured; i++) {
                long t = System.nanoTime();
                exchange(out, in, req, resp);
                lat[i] = System.nanoTime() - t;
            }
            Arrays.sort(lat);
            report("net.rtt_p50_us", percentile(lat, 0.50) / 1e3);
            report("net.rtt_p99_us", percentile(lat, 0.99) / 1e3);
        }
    }

    // ---- (3) idle connections --------------------------------------------------------------------

    private void idle(int port, int n) throws Exception {
        waitForConnections(0);
        String[] before = ask("heap", "HEAP").split(" ");
        long baseline = Long.parseLong(before[1]);
        List<Socket> held = new ArrayList<>(n);
        try {
            for (int i = 0; i < n; i++) {
                held.add(connect(port));
            }
            waitForConnections(n);
            long heap = Long.parseLong(ask("heap", "HEAP").split(" ")[1]);
            if (baseline >= 0 && heap >= 0) {
                report("net.idle_heap_B_per_conn", (heap - baseline) / (double) n);
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        waitForConnections(0);
    }

    private void waitForConnections(int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            int now = Integer.parseInt(ask("conns", "CONNS").split(" ")[1]);
            if (now == n) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the server holds " + now + " connections, expected " + n);
            }
            Thread.sleep(20);
        }
    }

    // ---- (4) 64 MiB to a slow reader -------------------------------------------------------------

    private void slowReader(int port, long highWater) throws Exception {
        stream(port, false); // warm-up: classes loaded and code compiled before the baseline
        ask("stream-begin", "STREAM_READY");
        long total = stream(port, true);
        String[] f = ask("stream-end", "STREAM").split(" ");
        long growth = Long.parseLong(f[1]);
        if (total != JawaitEchoServer.STREAM_BYTES) {
            throw new IllegalStateException("the stream carried " + total + " bytes");
        }
        report("net.stream_peak_heap_growth_KiB", growth / 1024.0);
        report("net.stream_write_buffer_max_KiB", Long.parseLong(f[2]) / 1024.0);
        report("net.stream_growth_per_high_water", growth / (double) highWater);
    }

    /** Reads one stream to its end, slowly or at full speed; returns the bytes read. */
    private static long stream(int port, boolean slow) throws Exception {
        long total = 0;
        try (Socket s = connect(port)) {
            s.getOutputStream().write(1);
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64 * 1024];
            int n;
            long reads = 0;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (slow && ++reads % 4 == 0) {
                    Thread.sleep(1); // slower than the writer: the server must wait in drain
                }
            }
        }
        return total;
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress("127.0.0.1", port));
        return s;
    }

    private static void exchange(OutputStream out, InputStream in, byte[] req, byte[] resp) throws IOException {
        out.write(req);
        if (in.readNBytes(resp, 0, SIZE) != SIZE) {
            throw new IOException("the server closed the connection");
        }
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }

    /** utime + stime of the server process (all its threads), in ns. */
    private long serverCpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + server.pid() + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15
        return ticks * 1_000_000_000L / clockTicks;
    }

    /** This load client's own CPU time (all its threads), in ns; -1 if the JVM cannot tell. */
    private static long clientCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (IOException | InterruptedException | NumberFormatException e) {
            return 100;
        }
    }

    private String ask(String command, String answer) throws InterruptedException {
        control.println(command);
        return expect(answer);
    }

    private String expect(String prefix) throws InterruptedException {
        String line = poll(prefix, 120);
        if (line == null) {
            throw new IllegalStateException("the server did not answer " + prefix + " (alive: " + server.isAlive() + ")");
        }
        return line;
    }

    /** The next line starting with prefix (the server answers each command in order). */
    private String poll(String prefix, int seconds) throws InterruptedException {
        while (true) {
            String line = lines.poll(seconds, TimeUnit.SECONDS);
            if (line == null) {
                return null;
            }
            if (line.startsWith(prefix + " ") || line.equals(prefix)) {
                return line;
            }
            if (line.startsWith("ERROR")) {
                throw new IllegalStateException("server: " + line);
            }
        }
    }

    private void stop() throws InterruptedException {
        control.println("quit");
        if (!server.waitFor(10, TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
    }

    private static void report(String metric, double value) {
        System.out.printf(Locale.ROOT, "RESULT\t%s\t%.4f%n", metric, value);
        System.out.flush();
    }
}
