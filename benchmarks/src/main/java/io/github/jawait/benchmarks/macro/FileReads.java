package io.github.jawait.benchmarks.macro;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.toThread;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.io.AsyncFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Issue 12's file benchmark: read 1,000 files of 64 KiB, all at once, and print one table.
 * Contenders, in the same process and interleaved round by round so that noise hits them
 * alike:
 * <ul>
 * <li>jawait {@code AsyncFiles.readAllBytes}, the 1,000 gathered (AsynchronousFileChannel);</li>
 * <li>jawait {@code toThread(() -> Files.readAllBytes(p))}, gathered (the loop's default executor);</li>
 * <li>virtual threads, one per file, {@code Files.readAllBytes} (JDK 21+; skipped before);</li>
 * <li>sequential blocking {@code Files.readAllBytes} on one thread.</li>
 * </ul>
 * The files are in the page cache after the first round (no root to drop it): this measures
 * the cost of the concurrency machinery around a fast read, not the disk.
 *
 * <pre>
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -javaagent:agent/target/jawait-agent-0.1.0-SNAPSHOT.jar \
 *     -cp benchmarks/target/jawait-benchmarks.jar io.github.jawait.benchmarks.macro.FileReads [--quick]
 * </pre>
 */
public final class FileReads {
    static final int FILES = 1_000;
    static final int SIZE = 64 * 1024;

    private FileReads() {
    }

    interface Reader {
        long readAll(List<Path> files) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        int warmup = quick ? 2 : 5;
        int rounds = quick ? 5 : 15;
        Path dir = Files.createTempDirectory("jawait-filereads");
        try {
            List<Path> files = makeFiles(dir);
            long expected = (long) FILES * SIZE;
            Map<String, Reader> readers = new LinkedHashMap<>();
            readers.put("jawait AsyncFiles.readAllBytes (gathered)", FileReads::jawaitChannel);
            readers.put("jawait toThread(Files.readAllBytes) (gathered)", FileReads::jawaitToThread);
            if (Runtime.version().feature() >= 21) {
                readers.put("virtual threads, one per file", FileReads::virtualThreads);
            }
            readers.put("sequential Files.readAllBytes", FileReads::sequential);
            Map<String, double[]> ms = new LinkedHashMap<>();
            readers.keySet().forEach(k -> ms.put(k, new double[rounds]));
            for (int r = -warmup; r < rounds; r++) {
                for (Map.Entry<String, Reader> e : readers.entrySet()) {
                    long t0 = System.nanoTime();
                    long bytes = e.getValue().readAll(files);
                    long t = System.nanoTime() - t0;
                    if (bytes != expected) {
                        throw new IllegalStateException(e.getKey() + " read " + bytes + " bytes, not " + expected);
                    }
                    if (r >= 0) {
                        ms.get(e.getKey())[r] = t / 1e6;
                    }
                }
            }
            System.out.printf("read %,d files of %d KiB concurrently, Java %s, %d cores, medians of %d rounds after %d warm-up rounds%n",
                    FILES, SIZE / 1024, Runtime.version(), Runtime.getRuntime().availableProcessors(), rounds, warmup);
            double jawait = Measure.median(ms.get("jawait AsyncFiles.readAllBytes (gathered)"));
            System.out.println("| contender | median ms | files/s | MB/s | time ÷ jawait AsyncFiles |");
            System.out.println("|---|---|---|---|---|");
            for (Map.Entry<String, double[]> e : ms.entrySet()) {
                double m = Measure.median(e.getValue());
                System.out.printf("| %s | %.1f | %,.0f | %,.0f | %.2f |%n", e.getKey(), m, FILES / (m / 1e3),
                        expected / 1e6 / (m / 1e3), m / jawait);
                Measure.report("files." + e.getKey().replaceAll("[^A-Za-z]+", "_") + ".ms", m);
            }
        } finally {
            try (Stream<Path> all = Files.list(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            Files.delete(dir);
        }
        System.exit(0); // the virtual-thread and default-executor threads
    }

    private static List<Path> makeFiles(Path dir) throws IOException {
        Random random = new Random(42);
        List<Path> files = new ArrayList<>();
        byte[] content = new byte[SIZE];
        for (int i = 0; i < FILES; i++) {
            random.nextBytes(content);
            files.add(Files.write(dir.resolve("f" + i), content));
        }
        return files;
    }

    static long jawaitChannel(List<Path> files) throws IOException {
        return Asyncio.run(readAllGathered(files, false));
    }

    static long jawaitToThread(List<Path> files) throws IOException {
        return Asyncio.run(readAllGathered(files, true));
    }

    @Async
    static Coroutine<Long> readAllGathered(List<Path> files, boolean onExecutor) throws IOException {
        List<Coroutine<byte[]>> reads = new ArrayList<>(files.size());
        for (Path p : files) {
            reads.add(onExecutor ? toThread(() -> Files.readAllBytes(p)) : AsyncFiles.readAllBytes(p));
        }
        long total = 0;
        for (byte[] b : await(gather(reads))) {
            total += b.length;
        }
        return result(total);
    }

    static long virtualThreads(List<Path> files) throws Exception {
        ExecutorService ex = VirtualThreadContender.newExecutor();
        List<Future<byte[]>> reads = new ArrayList<>(files.size());
        for (Path p : files) {
            reads.add(ex.submit(() -> Files.readAllBytes(p)));
        }
        long total = 0;
        for (Future<byte[]> f : reads) {
            total += f.get().length;
        }
        ex.shutdown();
        ex.awaitTermination(1, TimeUnit.MINUTES);
        return total;
    }

    static long sequential(List<Path> files) throws IOException {
        long total = 0;
        for (Path p : files) {
            total += Files.readAllBytes(p).length;
        }
        return total;
    }
}
