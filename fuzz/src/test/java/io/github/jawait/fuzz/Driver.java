package io.github.jawait.fuzz;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Development aid: {@code Driver SEED COUNT [THREADS]} runs programs from the command line. */
public final class Driver {
    public static void main(String[] args) throws Exception {
        long seed = Long.parseLong(args[0]);
        int count = Integer.parseInt(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        long t0 = System.nanoTime();
        AtomicInteger fails = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (long s = seed; s < seed + count; s++) {
            long fs = s;
            pool.submit(() -> {
                Src.Program p = ProgramGenerator.generate(fs);
                String src = p.render();
                Variant v = Variant.values()[(int) Math.floorMod(fs, 4L)];
                Harness.Outcome o = Harness.run(src, v);
                if (o.status() != Harness.Status.PASS && KnownBugs.attribute(p, v, o) == null) {
                    fails.incrementAndGet();
                    synchronized (Driver.class) {
                        System.out.println("seed " + fs + " " + v.name() + ": " + o.status() + "\n" + o.detail());
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.DAYS);
        System.out.printf("%d programs, %d failed, %.1f s%n", count, fails.get(), (System.nanoTime() - t0) / 1e9);
        System.exit(0);
    }
}
