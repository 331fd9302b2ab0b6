package io.github.jawait.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.jawait.fuzz.Harness.Outcome;
import io.github.jawait.fuzz.Harness.Status;
import io.github.jawait.fuzz.Src.Program;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue #7: random {@code @Async} programs, each compiled by one compiler×debug variant,
 * rewritten, verified and run on the event loop, must trace exactly what the same program traces
 * as plain Java. Program {@code i} has seed {@code fuzz.seed + i} and runs in variant
 * {@code seed mod 4}, so a seed alone reproduces a failure ({@code -Dfuzz.replay=SEED}).
 *
 * <p>Properties: {@code fuzz.programs} (2000), {@code fuzz.seed} (1; "random" for a new one),
 * {@code fuzz.threads} (the processors), {@code fuzz.strict} (false: failures of a
 * {@link KnownBugs known bug} are counted, not failed), {@code fuzz.replay} (seeds, comma-separated),
 * {@code fuzz.file} (a program file), {@code fuzz.minimize} (400: runs the minimizer may spend per failure),
 * {@code fuzz.minimizeSeconds} (120: the time all minimizations of one test may take; after it,
 * failures are reported unminimized or partly minimized, so a failing CI job cannot hang).
 */
class DifferentialFuzzTest {
    private static final int PROGRAMS = Integer.getInteger("fuzz.programs", 2000);
    private static final long SEED = seed();
    private static final boolean STRICT = Boolean.getBoolean("fuzz.strict");
    private static final int THREADS = Integer.getInteger("fuzz.threads", 0) > 0 ? Integer.getInteger("fuzz.threads")
            : Runtime.getRuntime().availableProcessors();
    private static final String REPLAY = System.getProperty("fuzz.replay", "").trim();
    /** Programs compiled together by one compiler invocation (see {@link Harness#runBatch}). */
    private static final int BATCH = Math.max(1, Integer.getInteger("fuzz.batch", 40));
    /** Failing programs that are minimized and printed in full, per test. */
    private static final int SHOWN = 3;
    /** The minimizer's time budget per test, shared by the failures it minimizes. */
    private static final long MINIMIZE_SECONDS = Long.getLong("fuzz.minimizeSeconds", 120);

    private static long seed() {
        String s = System.getProperty("fuzz.seed", "1").trim();
        if (s.isEmpty()) {
            return 1;
        }
        return s.equals("random") ? System.nanoTime() & 0xFFFF_FFFFL : Long.parseLong(s);
    }

    private record Failure(long seed, Variant variant, Outcome outcome, Program program) {
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Variant.class)
    void rewrittenProgramsBehaveAsPlainJava(Variant variant) throws Exception {
        Assumptions.assumeTrue(REPLAY.isEmpty() && System.getProperty("fuzz.file", "").isBlank(),
                "fuzz.replay or fuzz.file is set");
        List<Long> seeds = new ArrayList<>();
        for (long i = 0; i < PROGRAMS; i++) {
            if (Math.floorMod(SEED + i, 4L) == variant.ordinal()) {
                seeds.add(SEED + i);
            }
        }
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        AtomicInteger passed = new AtomicInteger();
        AtomicInteger compilerCrashes = new AtomicInteger();
        AtomicInteger invalidOutput = new AtomicInteger();
        Map<String, Integer> known = Collections.synchronizedMap(new TreeMap<>());
        List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int from = 0; from < seeds.size(); from += BATCH) {
                List<Long> batch = seeds.subList(from, Math.min(seeds.size(), from + BATCH));
                done.add(pool.submit(() -> {
                    List<Program> programs = new ArrayList<>();
                    List<String> sources = new ArrayList<>();
                    for (long seed : batch) {
                        Program p = ProgramGenerator.generate(seed);
                        programs.add(p);
                        sources.add(p.render());
                    }
                    List<Outcome> outcomes = Harness.runBatch(sources, variant);
                    for (int i = 0; i < batch.size(); i++) {
                        Outcome o = outcomes.get(i);
                        Program p = programs.get(i);
                        if (o.status() == Status.PASS) {
                            passed.incrementAndGet();
                            continue;
                        }
                        if (o.status() == Status.COMPILER_CRASH) {
                            compilerCrashes.incrementAndGet(); // the compiler's bug: the program never reached the agent
                            continue;
                        }
                        if (o.status() == Status.COMPILER_OUTPUT_INVALID) {
                            invalidOutput.incrementAndGet(); // the compiler's bug: its plain-Java output does not verify
                            continue;
                        }
                        // a batch ran the program in another package: its own run decides what it is
                        Outcome alone = Harness.run(sources.get(i), variant);
                        if (alone.status() == Status.PASS) {
                            failures.add(new Failure(batch.get(i), variant, new Outcome(o.status(),
                                    "failed only when compiled in a batch (package fuzz.real.pN):\n" + o.detail()), p));
                            continue;
                        }
                        KnownBugs.Bug bug = KnownBugs.attribute(p, variant, alone);
                        if (bug != null && !STRICT) {
                            known.merge(bug.name(), 1, Integer::sum);
                        } else {
                            failures.add(new Failure(batch.get(i), variant, alone, p));
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
        // CPU time per program is the number to compare on a shared machine; wall time depends on the neighbours
        System.out.printf("fuzz %s: %d programs (seeds from %d), %d passed, %d failed, known bugs %s,"
                        + " compiler crashes %d, unverifiable compiler output %d, %.1f s, %.1f programs/s, %.1f ms CPU a program (%d threads,"
                        + " batches of %d)%n",
                variant, seeds.size(), SEED, passed.get(), failures.size(), known, compilerCrashes.get(), invalidOutput.get(), seconds,
                seeds.size() / seconds, cpuSeconds * 1000 / seeds.size(), THREADS, BATCH);
        if (!failures.isEmpty()) {
            failures.sort((a, b) -> Long.compare(a.seed, b.seed));
            StringBuilder report = new StringBuilder();
            long deadline = minimizeDeadline();
            for (int i = 0; i < failures.size(); i++) {
                Failure f = failures.get(i);
                report.append(describe(f, i < SHOWN, deadline)).append('\n');
            }
            System.out.println(report);
            List<String> short_ = new ArrayList<>();
            for (Failure f : failures) {
                short_.add(f.seed + " " + f.outcome.status());
            }
            fail(failures.size() + " of " + seeds.size() + " programs failed in " + variant + " (seed status): " + short_
                    + "\nreplay one with: mvn -B verify -pl fuzz -am -Dfuzz.replay=SEED (the report above has"
                    + " the programs and minimized versions)");
        }
        // a fuzzer that only meets known bugs tests nothing else: most programs must pass
        assertTrue(passed.get() * 3 >= seeds.size(), "only " + passed + " of " + seeds.size()
                + " programs passed; known bugs: " + known);
    }

    /**
     * {@code -Dfuzz.replay=SEED[,SEED...]}: each seed in all four variants, with its source and
     * minimization; {@code -Dfuzz.file=PATH}: a program file (e.g. a regression being written).
     */
    @Test
    void replay() throws java.io.IOException {
        String file = System.getProperty("fuzz.file", "").trim();
        Assumptions.assumeFalse(REPLAY.isEmpty() && file.isEmpty(), "set -Dfuzz.replay=SEED to replay a program");
        List<String> failed = new ArrayList<>();
        if (!file.isEmpty()) {
            String src = java.nio.file.Files.readString(java.nio.file.Path.of(file));
            for (Variant v : Variant.values()) {
                Outcome o = Harness.run(src, v);
                System.out.println(file + " " + v + ": " + o.status() + "\n" + o.detail());
                if (o.status() != Status.PASS && !o.status().compilersFault()) {
                    failed.add(file + " " + v);
                }
            }
        }
        for (String s : REPLAY.isEmpty() ? new String[0] : REPLAY.split(",")) {
            long seed = Long.parseLong(s.trim());
            Program p = ProgramGenerator.generate(seed);
            System.out.println("---- seed " + seed + " (the fuzz run ran it in "
                    + Variant.values()[(int) Math.floorMod(seed, 4L)] + "):\n" + p.render());
            for (Variant v : Variant.values()) {
                Outcome o = Harness.run(p.render(), v);
                System.out.println("seed " + seed + " " + v + ": " + o.status());
                if (o.status() != Status.PASS && !o.status().compilersFault()) {
                    failed.add(seed + " " + v);
                    System.out.println(describe(new Failure(seed, v, o, p), true, minimizeDeadline()));
                }
            }
        }
        if (!failed.isEmpty()) {
            fail("failed: " + failed);
        }
    }

    /** CPU time of the whole JVM (compilers, JIT and GC included), or wall time where the JVM cannot say. */
    private static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os && os.getProcessCpuTime() >= 0) {
            return os.getProcessCpuTime();
        }
        return System.nanoTime();
    }

    private static long minimizeDeadline() {
        return System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(MINIMIZE_SECONDS);
    }

    private static String describe(Failure f, boolean full, long minimizeDeadline) {
        StringBuilder sb = new StringBuilder();
        sb.append("==== FAILED seed=").append(f.seed).append(" compiler=").append(f.variant.compiler.name().toLowerCase())
                .append(" debug=").append(f.variant.debug ? "-g" : "-g:none").append(" status=")
                .append(f.outcome.status()).append('\n').append(f.outcome.detail()).append('\n');
        KnownBugs.Bug bug = KnownBugs.attribute(f.program, f.variant, f.outcome);
        if (bug != null) {
            sb.append("(known bug ").append(bug.name()).append(", ").append(bug.regressionTest()).append(")\n");
        }
        if (full) {
            sb.append("---- program:\n").append(f.program.render());
            Reproduce.Minimized min = Reproduce.minimize(f.program, f.variant, f.outcome,
                    Integer.getInteger("fuzz.minimize", 400), minimizeDeadline);
            if (min.tries() == 0) {
                sb.append("---- not minimized (").append(min.outOfTime() ? "the minimizer's time budget, -Dfuzz.minimizeSeconds="
                        + MINIMIZE_SECONDS + ", is spent" : "-Dfuzz.minimize=0").append(")\n");
            } else {
                String src = min.program().render();
                sb.append("---- minimized (").append(Reproduce.signature(f.outcome)).append(", ").append(min.tries())
                        .append(" tries").append(min.outOfTime() ? ", stopped by the time budget -Dfuzz.minimizeSeconds="
                                + MINIMIZE_SECONDS : "").append("):\n").append(src)
                        .append("---- minimized outcome: ").append(Harness.run(src, f.variant).detail()).append('\n');
            }
        }
        sb.append("replay: mvn -B verify -pl fuzz -am -Dfuzz.replay=").append(f.seed).append('\n');
        return sb.toString();
    }
}
