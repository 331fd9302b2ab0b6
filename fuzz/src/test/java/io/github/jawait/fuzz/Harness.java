package io.github.jawait.fuzz;

import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.VirtualClock;
import io.github.jawait.agent.ClassRewriter;
import io.github.jawait.agent.Verification;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one program both ways and compares: the real program (package {@code fuzz.real}) is
 * compiled, rewritten by {@link ClassRewriter}, checked by {@link Verification}, defined in a
 * fresh class loader and run on an {@link EventLoop} with a {@link VirtualClock}; the reference
 * program (package {@code fuzz.ref}, imports pointing at {@code io.github.jawait.fuzz.ref}) is
 * compiled by the same compiler and run as plain Java. Their traces and final outcomes must be
 * identical.
 */
final class Harness {
    enum Status {
        PASS,
        /** The compiler rejected the program (a generator bug). */
        COMPILE_ERROR,
        /**
         * The compiler itself crashed ("Internal compiler error", e.g. ECJ 3.42 on a switch
         * expression whose every arm throws before its yield, with -g:none): nobody's bug here.
         */
        COMPILER_CRASH,
        /**
         * The compiler's own output fails the JVM's verifier when run as plain Java, with no
         * jawait involved (ECJ 3.42 on a conditional choosing between two {@code new}
         * expressions after an await, seed 7047 of CI's 10,000 on JDK 17): the
         * compiler's bug. Counted beside compiler crashes, never blamed on the transformer.
         */
        COMPILER_OUTPUT_INVALID,
        /** The reference run hung or failed outside the program (a generator bug). */
        REFERENCE_BROKEN,
        /** ClassRewriter threw. */
        REWRITE_CRASH,
        /** ClassRewriter refused a method of a valid program. */
        REFUSED,
        /** Verification found a problem in a rewritten class. */
        VERIFY_FAILED,
        /** The rewritten program did not finish in time. */
        TIMEOUT,
        /** The rewritten program's trace or outcome differs from the reference. */
        MISMATCH;

        boolean transformerBug() {
            return this != PASS && this != COMPILE_ERROR && !compilersFault() && this != REFERENCE_BROKEN;
        }

        /** The compiler crashed or emitted code the JVM rejects: the program never tested the agent. */
        boolean compilersFault() {
            return this == COMPILER_CRASH || this == COMPILER_OUTPUT_INVALID;
        }
    }

    record Outcome(Status status, String detail) {
        static final Outcome PASS = new Outcome(Status.PASS, "");
    }

    private static final long TIMEOUT_SECONDS = Long.getLong("fuzz.timeout", 30);
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Programs run on their own threads so that a hung state machine can be abandoned. */
    private static final ExecutorService RUNNERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz-run-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    /** The library's classes, rewritten and verified once per variant. */
    private static final Map<String, byte[]> REWRITTEN_LIBRARY = new java.util.concurrent.ConcurrentHashMap<>();

    private static final ThreadLocal<Compilers> COMPILERS = ThreadLocal.withInitial(Compilers::new);

    /** The agent logs each refusal; the harness reports them itself. Kept here so the logger stays configured. */
    private static final java.util.logging.Logger AGENT_LOG = java.util.logging.Logger.getLogger("io.github.jawait.agent");

    static {
        AGENT_LOG.setLevel(java.util.logging.Level.OFF);
    }

    private Harness() {
    }

    /** The reference program's text: another package, imports of the reference runtime. */
    static String referenceSource(String source) {
        return source.replaceAll("(?m)^(package|import static) fuzz([.;])", "$1 fuzz.ref$2")
                .replaceAll("(?m)^import (static )?io\\.github\\.jawait\\.", "import $1io.github.jawait.fuzz.ref.")
                // a generator's body runs when the consumer pulls, not at the call (see GeneratorGrammar)
                .replace(GeneratorGrammar.BODY, "return generator(() -> {")
                .replace(GeneratorGrammar.BODY_END, "}); } }");
    }

    /** The real program's text: package {@code fuzz.real}. */
    static String realSource(String source) {
        return source.replaceAll("(?m)^(package|import static) fuzz([.;])", "$1 fuzz.real$2");
    }

    static Outcome run(String source, Variant variant) {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("fuzz/real/Prog.java", realSource(source));
        sources.put("fuzz/ref/Prog.java", referenceSource(source));
        Map<String, byte[]> classes;
        Compilers compilers = COMPILERS.get();
        try {
            classes = compilers.compile(variant, sources);
        } catch (Compilers.CompileError e) {
            return compileFailure(e);
        }
        Map<String, byte[]> real = new LinkedHashMap<>();
        Map<String, byte[]> ref = new LinkedHashMap<>();
        classes.forEach((name, bytes) -> (name.startsWith("fuzz.real.") ? real : ref).put(name, bytes));
        return runCompiled(real, ref, "fuzz.real", "fuzz.ref", variant);
    }

    private static Outcome compileFailure(Compilers.CompileError e) {
        boolean crash = e.getMessage() != null && e.getMessage().contains("Internal compiler error");
        return new Outcome(crash ? Status.COMPILER_CRASH : Status.COMPILE_ERROR, e.getMessage());
    }

    /**
     * Runs many programs with one compiler invocation: javac's and ECJ's start-up cost (reading
     * the class path, creating the compiler's tables) is most of a small program's compile time.
     * Program {@code i} goes to packages {@code fuzz.real.p<i>} and {@code fuzz.ref.p<i>}, so the
     * programs cannot see each other; the library stays in {@code fuzz.real} and {@code fuzz.ref}
     * (the programs import it statically). If the batch does not compile (a compiler crash or a
     * generator bug in one program), each program is compiled alone, so the outcome is its own.
     */
    static List<Outcome> runBatch(List<String> sources, Variant variant) {
        Map<String, String> units = new LinkedHashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            String src = sources.get(i);
            units.put("fuzz/real/p" + i + "/Prog.java", inPackage(realSource(src), "fuzz.real", i));
            units.put("fuzz/ref/p" + i + "/Prog.java", inPackage(referenceSource(src), "fuzz.ref", i));
        }
        Map<String, byte[]> classes;
        try {
            classes = COMPILERS.get().compile(variant, units);
        } catch (Compilers.CompileError e) {
            List<Outcome> alone = new ArrayList<>();
            for (String src : sources) {
                alone.add(run(src, variant));
            }
            return alone;
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            String real = "fuzz.real.p" + i;
            String ref = "fuzz.ref.p" + i;
            Map<String, byte[]> realClasses = new LinkedHashMap<>();
            Map<String, byte[]> refClasses = new LinkedHashMap<>();
            classes.forEach((name, bytes) -> {
                if (name.startsWith(real + ".")) {
                    realClasses.put(name, bytes);
                } else if (name.startsWith(ref + ".")) {
                    refClasses.put(name, bytes);
                }
            });
            outcomes.add(runCompiled(realClasses, refClasses, real, ref, variant));
        }
        return outcomes;
    }

    /** Moves a program from package {@code base} to {@code base.p<i>}; its static import of the library stays. */
    private static String inPackage(String source, String base, int i) {
        return source.replaceFirst("(?m)^package " + java.util.regex.Pattern.quote(base) + ";",
                "package " + base + ".p" + i + ";");
    }

    /**
     * The rest of {@link #run} once compiled: {@code real} and {@code ref} are the program's
     * classes, whose {@code Prog} is in package {@code realPackage} and {@code refPackage}.
     */
    private static Outcome runCompiled(Map<String, byte[]> real, Map<String, byte[]> ref, String realPackage,
            String refPackage, Variant variant) {
        Compilers compilers = COMPILERS.get();
        // the library: fresh classes (fresh trace) in every program's loaders
        Map<String, byte[]> lib = compilers.library(variant).classes();
        lib.forEach((name, bytes) -> (name.startsWith("fuzz.real.") ? real : ref).put(name, bytes));

        // the reference: plain Java
        String expected;
        try {
            MemoryLoader loader = new MemoryLoader(ref, ref);
            expected = timed(() -> runReference(loader, refPackage));
        } catch (TimeoutException e) {
            return new Outcome(Status.REFERENCE_BROKEN, "the reference program did not finish in " + TIMEOUT_SECONDS + " s");
        } catch (Throwable e) {
            return new Outcome(Status.REFERENCE_BROKEN, "the reference program could not run: " + stack(e));
        }
        if (expected.contains("=> throw VerifyError")) {
            // plain Java, straight from the compiler, rejected by the verifier: nothing to compare against
            return new Outcome(Status.COMPILER_OUTPUT_INVALID, "the compiler's own output fails verification:\n" + expected);
        }

        // the real program: rewritten, verified, run on the loop
        Map<String, byte[]> rewritten = new LinkedHashMap<>();
        MemoryLoader loader = new MemoryLoader(rewritten, real);
        java.util.Set<String> checked = new java.util.HashSet<>();
        for (Map.Entry<String, byte[]> e : real.entrySet()) {
            byte[] cached = REWRITTEN_LIBRARY.get(variant + " " + e.getKey());
            if (cached != null) {
                rewritten.put(e.getKey(), cached);
                checked.add(e.getKey());
                continue;
            }
            ClassRewriter.Result result;
            try {
                result = new ClassRewriter().rewrite(e.getValue(), loader);
            } catch (Throwable t) {
                return new Outcome(Status.REWRITE_CRASH, "ClassRewriter threw on " + e.getKey() + ": " + stack(t));
            }
            if (!result.refusals().isEmpty()) {
                return new Outcome(Status.REFUSED, String.join("\n", result.refusals()));
            }
            rewritten.put(e.getKey(), result.bytes() != null ? result.bytes() : e.getValue());
            if (result.bytes() == null) {
                checked.add(e.getKey()); // untouched
            }
        }
        for (Map.Entry<String, byte[]> e : rewritten.entrySet()) {
            if (checked.contains(e.getKey())) {
                continue;
            }
            String structure = Verification.checkStructure(e.getValue());
            if (!structure.isEmpty()) {
                return new Outcome(Status.VERIFY_FAILED, e.getKey() + ": checkStructure: " + structure);
            }
            String types = Verification.checkWithTypes(e.getValue(), loader);
            if (!types.isEmpty()) {
                return new Outcome(Status.VERIFY_FAILED, e.getKey() + ": checkWithTypes: " + types);
            }
        }
        for (Map.Entry<String, byte[]> e : rewritten.entrySet()) {
            if (e.getKey().startsWith("fuzz.real.Lib")) {
                REWRITTEN_LIBRARY.putIfAbsent(variant + " " + e.getKey(), e.getValue());
            }
        }
        String actual;
        try {
            actual = timed(() -> runReal(loader, realPackage));
        } catch (TimeoutException e) {
            return new Outcome(Status.TIMEOUT, "the rewritten program did not finish in " + TIMEOUT_SECONDS
                    + " s; the reference trace was:\n" + expected);
        } catch (Throwable e) {
            actual = "=> harness failure " + stack(e);
        }
        if (!expected.equals(actual)) {
            return new Outcome(Status.MISMATCH, diff(expected, actual));
        }
        return Outcome.PASS;
    }

    private static String runReference(ClassLoader loader, String pkg) throws Exception {
        Class<?> prog = loader.loadClass(pkg + ".Prog");
        String end;
        try {
            Object c = entry(prog).invoke(null);
            Object value = io.github.jawait.fuzz.ref.Asyncio.await((io.github.jawait.fuzz.ref.Awaitable<?>) c);
            end = "=> return " + value;
        } catch (InvocationTargetException e) {
            end = "=> throw " + describe(e.getCause());
        } catch (Throwable e) {
            end = "=> throw " + describe(e);
        }
        return trace(loader.loadClass("fuzz.ref.Lib")) + end;
    }

    private static String runReal(ClassLoader loader, String pkg) throws Exception {
        Class<?> prog = loader.loadClass(pkg + ".Prog");
        String end;
        EventLoop loop = new EventLoop(new VirtualClock());
        try {
            Object value = loop.runUntilComplete((Coroutine<?>) entry(prog).invoke(null));
            end = "=> return " + value;
        } catch (InvocationTargetException e) {
            end = "=> throw " + describe(e.getCause());
        } catch (Throwable e) {
            end = "=> throw " + describe(e);
        } finally {
            loop.close();
        }
        return trace(loader.loadClass("fuzz.real.Lib")) + end;
    }

    private static Method entry(Class<?> prog) throws NoSuchMethodException {
        Method m = prog.getDeclaredMethod("entry");
        m.setAccessible(true);
        return m;
    }

    private static String trace(Class<?> prog) throws ReflectiveOperationException {
        var f = prog.getDeclaredField("TR");
        f.setAccessible(true);
        return f.get(null).toString();
    }

    /** As the programs' own ex(): simple class name, message, suppressed, cause. */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getSimpleName());
        if (!(e instanceof NullPointerException) && !(e instanceof ClassCastException)) {
            sb.append(": ").append(e.getMessage());
        }
        for (Throwable s : e.getSuppressed()) {
            sb.append(" [suppressed ").append(describe(s)).append(']');
        }
        if (e.getCause() != null && e.getCause() != e) {
            sb.append(" [cause ").append(describe(e.getCause())).append(']');
        }
        if (e instanceof LinkageError || e instanceof IllegalStateException && !"out of fuel".equals(e.getMessage())) {
            sb.append('\n').append(stack(e));
        }
        return sb.toString();
    }

    private static String timed(Callable<String> task) throws Exception {
        Future<String> f = RUNNERS.submit(task);
        try {
            return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : new RuntimeException(e.getCause());
        } catch (TimeoutException e) {
            f.cancel(true);
            throw e;
        }
    }

    static String stack(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        String s = w.toString();
        return s.length() > 4000 ? s.substring(0, 4000) + "..." : s;
    }

    /** The first difference, with a little context, then both endings. */
    static String diff(String expected, String actual) {
        List<String> a = expected.lines().toList();
        List<String> b = actual.lines().toList();
        int i = 0;
        while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) {
            i++;
        }
        StringBuilder sb = new StringBuilder("traces differ at line " + (i + 1) + "\n");
        for (int k = Math.max(0, i - 3); k < i; k++) {
            sb.append("    ").append(a.get(k)).append('\n');
        }
        sb.append("  reference: ").append(i < a.size() ? a.get(i) : "<end>").append('\n');
        sb.append("  rewritten: ").append(i < b.size() ? b.get(i) : "<end>").append('\n');
        sb.append("  reference ends: ").append(a.isEmpty() ? "" : a.get(a.size() - 1)).append('\n');
        sb.append("  rewritten ends: ").append(b.isEmpty() ? "" : String.join("\n", b.subList(Math.max(0, i), Math.min(b.size(), i + 30))));
        return sb.toString();
    }

    /** Defines the classes of one program from bytes, and serves the bytes as resources (for the rewriter's hierarchy). */
    static final class MemoryLoader extends ClassLoader {
        private final Map<String, byte[]> classes;
        private final Map<String, byte[]> resources;

        MemoryLoader(Map<String, byte[]> classes, Map<String, byte[]> resources) {
            super("fuzz", Harness.class.getClassLoader());
            this.classes = classes;
            this.resources = resources;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name);
            if (b == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            if (name.endsWith(".class")) {
                byte[] b = resources.get(name.substring(0, name.length() - 6).replace('/', '.'));
                if (b != null) {
                    return new ByteArrayInputStream(b);
                }
            }
            return super.getResourceAsStream(name);
        }
    }
}
