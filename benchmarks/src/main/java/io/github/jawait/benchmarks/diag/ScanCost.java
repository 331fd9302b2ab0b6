package io.github.jawait.benchmarks.diag;

import io.github.jawait.agent.AsyncClassTransformer;
import io.github.jawait.agent.ClassRewriter;
import io.github.jawait.agent.scan.CheapScan;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * What the agent costs per class at load time: the cheap scan that passes by a class without
 * {@code @Async} (the agent's {@code transform}, run on every class the JVM loads), and the
 * rewrite of a class with {@code @Async} methods, with the blocking-call lookup on (the
 * default) and, where this agent has it, off. Medians of rounds, in one JVM; run it with the
 * agent classes of two versions on the class path to compare them. Not a JMH benchmark: a
 * quick table, noisy on a shared machine.
 *
 * <pre>java -cp jawait-agent.jar:jawait-runtime.jar:jawait-annotations.jar:benchmarks/target/classes \
 *     io.github.jawait.benchmarks.diag.ScanCost some.jar tests/target/test-classes [--report]</pre>
 */
public final class ScanCost {
    private static final int ROUNDS = 7;

    private ScanCost() {
    }

    public static void main(String[] args) throws Exception {
        List<Path> inputs = new ArrayList<>();
        boolean report = false;
        for (String a : args) {
            if (a.equals("--report")) {
                report = true;
            } else {
                inputs.add(Path.of(a));
            }
        }
        Map<String, byte[]> plain = new TreeMap<>();
        Map<String, byte[]> async = new TreeMap<>();
        for (Path p : inputs) {
            read(p, (name, bytes) -> (CheapScan.mentionsJawait(bytes) ? async : plain).put(name, bytes));
        }
        URL[] urls = inputs.stream().map(p -> {
            try {
                return p.toUri().toURL();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toArray(URL[]::new);
        try (URLClassLoader loader = new URLClassLoader(urls, ScanCost.class.getClassLoader())) {
            System.out.printf("%d classes without jawait, %d with; %d rounds, median ns per class%n", plain.size(),
                    async.size(), ROUNDS);
            AsyncClassTransformer transformer = new AsyncClassTransformer(false);
            row("transform(), classes without @Async", plain.size(), () -> {
                int n = 0;
                for (Map.Entry<String, byte[]> e : plain.entrySet()) {
                    if (transformer.transform(loader, e.getKey(), null, null, e.getValue()) != null) {
                        n++;
                    }
                }
                return n;
            }, 20);
            if (async.isEmpty()) {
                return;
            }
            ClassRewriter standard = new ClassRewriter();
            row("rewrite, classes with @Async (blocking=warn)", async.size(), () -> rewriteAll(standard, async, loader), 1);
            ClassRewriter off = withPolicy("OFF");
            if (off != null) {
                row("rewrite, classes with @Async (blocking=off)", async.size(), () -> rewriteAll(off, async, loader), 1);
            }
            if (off != null) {
                List<byte[]> classes = new ArrayList<>(async.values());
                row("blocking-call lookup alone, classes with @Async", async.size(),
                        () -> Lookup.all(classes, loader), 3);
            }
            if (report) {
                for (Map.Entry<String, byte[]> e : async.entrySet()) {
                    ClassRewriter.Result r = standard.rewrite(e.getValue(), loader);
                    r.blockingCalls().forEach(b -> System.out.println("blocking call in " + b));
                }
            }
        }
    }

    private static int rewriteAll(ClassRewriter rewriter, Map<String, byte[]> classes, ClassLoader loader) {
        int n = 0;
        for (byte[] b : classes.values()) {
            if (rewriter.rewrite(b, loader).bytes() != null) {
                n++;
            }
        }
        return n;
    }

    /** A rewriter with the named blocking-call policy, or null when this agent has none (an older one). */
    private static ClassRewriter withPolicy(String policy) {
        try {
            Class<?> policies = Class.forName("io.github.jawait.agent.BlockingCallPolicy");
            Constructor<ClassRewriter> c = ClassRewriter.class.getConstructor(policies);
            @SuppressWarnings({"unchecked", "rawtypes"})
            Object p = Enum.valueOf((Class) policies, policy);
            return c.newInstance(p);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** Runs {@code work} ROUNDS times after a warm-up, each round {@code repeat} passes; prints the median per class. */
    private static void row(String what, int classes, Supplier<Integer> work, int repeat) {
        for (int i = 0; i < 2; i++) {
            work.get(); // warm-up: JIT, and the agent's one-time tables
        }
        long[] perClass = new long[ROUNDS];
        int sink = 0;
        for (int r = 0; r < ROUNDS; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < repeat; i++) {
                sink += work.get();
            }
            perClass[r] = (System.nanoTime() - t0) / ((long) repeat * Math.max(1, classes));
        }
        Arrays.sort(perClass);
        System.out.printf("%-48s %10d ns/class  (min %d, max %d; %d changed)%n", what, perClass[ROUNDS / 2],
                perClass[0], perClass[ROUNDS - 1], sink / (ROUNDS * repeat));
    }

    private interface ClassSink {
        void accept(String internalName, byte[] bytes);
    }

    private static void read(Path p, ClassSink sink) throws IOException {
        if (Files.isDirectory(p)) {
            try (Stream<Path> files = Files.walk(p)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = p.relativize(f).toString().replace('\\', '/');
                    sink.accept(name.substring(0, name.length() - 6), Files.readAllBytes(f));
                }
            }
            return;
        }
        try (JarFile jar = new JarFile(p.toFile())) {
            for (var e : jar.stream().filter(e -> e.getName().endsWith(".class")
                    && !e.getName().startsWith("META-INF/")).toList()) {
                try (var in = jar.getInputStream(e)) {
                    String name = e.getName();
                    sink.accept(name.substring(0, name.length() - 6), in.readAllBytes());
                }
            }
        }
    }

    /**
     * Just the lookup that the blocking-call report adds to a rewrite: every method the
     * rewriter would rewrite, against the table, with a fresh hierarchy per class as the rewrite
     * has. A nested class, so an older agent without it never links it.
     */
    private static final class Lookup {
        static int all(List<byte[]> classes, ClassLoader loader) {
            int calls = 0;
            for (byte[] b : classes) {
                io.github.jawait.agent.shaded.asm.tree.ClassNode cn = new io.github.jawait.agent.shaded.asm.tree.ClassNode();
                new io.github.jawait.agent.shaded.asm.ClassReader(b).accept(cn, 0);
                io.github.jawait.agent.analyse.ClassHierarchy h = new io.github.jawait.agent.analyse.ClassHierarchy(loader);
                h.add(b);
                for (io.github.jawait.agent.shaded.asm.tree.MethodNode m : cn.methods) {
                    try {
                        if (io.github.jawait.agent.scan.MethodClassifier.classify(m)
                                == io.github.jawait.agent.scan.MethodRole.REWRITE) {
                            calls += io.github.jawait.agent.analyse.BlockingCalls.find(m, h,
                                    io.github.jawait.agent.analyse.BlockingCallTable.standard()).size();
                        }
                    } catch (io.github.jawait.agent.RewriteRefusal r) {
                        // refused anyway: not looked up
                    }
                }
            }
            return calls;
        }
    }
}
