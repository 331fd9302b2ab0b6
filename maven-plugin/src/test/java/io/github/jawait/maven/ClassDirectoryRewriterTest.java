package io.github.jawait.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.agent.BlockingCallPolicy;
import io.github.jawait.agent.scan.RewrittenMarker;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin's work on real class files: compiled by javac, rewritten in place, then run in a
 * JVM started without any agent (and without the agent jar on its class path).
 */
class ClassDirectoryRewriterTest {
    private static final String MAIN = """
            package app;

            import static io.github.jawait.Asyncio.*;

            import io.github.jawait.Async;
            import io.github.jawait.Coroutine;
            import java.util.List;

            public class Main {
                @Async static Coroutine<String> fetch(int id) {
                    await(sleep(0.01));
                    return result("data " + id);
                }

                @Async static Coroutine<Void> main() {
                    List<String> all = await(gather(fetch(1), fetch(2)));
                    System.out.println(all);
                    return done();
                }

                public static void main(String[] args) { io.github.jawait.Asyncio.run(main()); }
            }
            """;
    private static final String BAD = """
            package app;

            import static io.github.jawait.Asyncio.*;

            import io.github.jawait.Async;
            import io.github.jawait.Coroutine;

            public class Bad {
                @Async Coroutine<Void> holdsALock() {
                    synchronized (this) {
                        await(sleep(1));
                    }
                    return done();
                }
            }
            """;

    private static final String SLEEPY = """
            package app;

            import static io.github.jawait.Asyncio.*;

            import io.github.jawait.Async;
            import io.github.jawait.Coroutine;

            public class Sleepy {
                @Async static Coroutine<Void> nap() throws InterruptedException {
                    Thread.sleep(10);
                    return done();
                }
            }
            """;

    @TempDir
    Path dir;
    Path sources;
    Path classes;

    /** runtime and annotations only: the rewritten classes must need nothing else. */
    private static List<Path> runtimeClassPath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> p.contains("runtime") || p.contains("annotations"))
                .map(Path::of).collect(Collectors.toList());
    }

    @BeforeEach
    void compile() throws IOException {
        sources = Files.createDirectories(dir.resolve("src/app"));
        classes = Files.createDirectories(dir.resolve("classes"));
        Files.writeString(sources.resolve("Main.java"), MAIN);
        Files.writeString(sources.resolve("Bad.java"), BAD);
        StringWriter out = new StringWriter();
        String cp = runtimeClassPath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-proc:none",
                "-cp", cp, "-d", classes.toString(), sources.resolve("Main.java").toString(),
                sources.resolve("Bad.java").toString());
        assertEquals(0, rc, out::toString);
    }

    private ClassDirectoryRewriter.Report rewrite(List<String> includes, List<String> excludes) throws IOException {
        return new ClassDirectoryRewriter(classes, runtimeClassPath(), List.of(dir.resolve("src")), includes, excludes,
                true, true).run();
    }

    private String runWithoutAgent() throws Exception {
        List<String> cp = new ArrayList<>();
        cp.add(classes.toString());
        runtimeClassPath().forEach(p -> cp.add(p.toString()));
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-cp", String.join(File.pathSeparator, cp), "app.Main")
                .redirectErrorStream(true).start();
        boolean finished = p.waitFor(60, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            p.destroyForcibly();
        }
        assertTrue(finished, out);
        return out.strip();
    }

    @Test
    void aClassRewrittenAtBuildTimeRunsWithNoAgent() throws Exception {
        ClassDirectoryRewriter.Report r = rewrite(List.of(), List.of());
        assertEquals(List.of(classes.resolve("app/Bad.class"), classes.resolve("app/Main.class")), r.rewritten());
        assertEquals(List.of(), r.errors());
        assertEquals("[data 1, data 2]", runWithoutAgent());
    }

    @Test
    void withoutTheRewriteTheSameProgramFailsSayingTheAgentIsMissing() throws Exception {
        String out = runWithoutAgent();
        assertTrue(out.contains("IllegalStateException: Asyncio.await() ran in app.Main.fetch, which the jawait agent has"
                + " not rewritten: the agent is not installed in this JVM"), out);
    }

    @Test
    void aRefusalNamesTheSourceFileAndLine() throws IOException {
        ClassDirectoryRewriter.Report r = rewrite(List.of(), List.of());
        assertEquals(1, r.refusals().size(), r.refusals()::toString);
        ClassDirectoryRewriter.Refusal refusal = r.refusals().get(0);
        assertEquals(sources.resolve("Bad.java"), refusal.file());
        assertEquals(11, refusal.line()); // the await inside synchronized
        assertTrue(refusal.message().startsWith("app.Bad.holdsALock (Bad.java:11): await inside synchronized"),
                refusal.message());
        assertEquals(sources.resolve("Bad.java") + ":[11] " + refusal.message(), refusal.toString());
    }

    @Test
    void whenRefusalsFailTheBuildTheRefusedClassIsLeftAsCompiledSoTheNextBuildRefusesAgain() throws IOException {
        byte[] compiled = Files.readAllBytes(classes.resolve("app/Bad.class"));
        for (int build = 0; build < 2; build++) {
            ClassDirectoryRewriter.Report r = new ClassDirectoryRewriter(classes, runtimeClassPath(),
                    List.of(dir.resolve("src")), List.of(), List.of(), true, false).run();
            assertEquals(1, r.refusals().size());
            assertEquals(List.of(classes.resolve("app/Main.class")), build == 0 ? r.rewritten() : r.alreadyRewritten());
            assertArrayEquals(compiled, Files.readAllBytes(classes.resolve("app/Bad.class")));
        }
    }

    @Test
    void aSecondRunChangesNothing() throws IOException {
        rewrite(List.of(), List.of());
        byte[] once = Files.readAllBytes(classes.resolve("app/Main.class"));
        assertEquals(RewrittenMarker.VERSION, RewrittenMarker.versionOf(once));
        ClassDirectoryRewriter.Report again = rewrite(List.of(), List.of());
        assertEquals(List.of(), again.rewritten());
        assertEquals(List.of(classes.resolve("app/Bad.class"), classes.resolve("app/Main.class")), again.alreadyRewritten());
        assertEquals(List.of(), again.refusals());
        assertArrayEquals(once, Files.readAllBytes(classes.resolve("app/Main.class")));
    }

    @Test
    void includesAndExcludesSelectClassFiles() throws IOException {
        ClassDirectoryRewriter.Report r = rewrite(List.of("app/**"), List.of("app/Bad*"));
        assertEquals(List.of(classes.resolve("app/Main.class")), r.rewritten());
        assertEquals(List.of(), r.refusals());
        ClassDirectoryRewriter.Report none = rewrite(List.of("other/**"), List.of());
        assertEquals(List.of(), none.rewritten());
    }

    @Test
    void aClassRewrittenByAnotherVersionIsAnError() throws IOException {
        rewrite(List.of(), List.of("app/Bad*"));
        Path main = classes.resolve("app/Main.class");
        byte[] bytes = Files.readAllBytes(main);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        // same length, so the constant pool stays valid: only the version string differs
        String other = RewrittenMarker.VERSION.replaceAll("[0-9]", "9");
        Files.write(main, text.replace(RewrittenMarker.VERSION, other).getBytes(StandardCharsets.ISO_8859_1));
        ClassDirectoryRewriter.Report r = rewrite(List.of(), List.of("app/Bad*"));
        assertEquals(List.of(main + " was rewritten by jawait " + other + ", this plugin is jawait "
                + RewrittenMarker.VERSION + ": run mvn clean to compile it again"), r.errors());
    }

    /** Sleepy.java compiled next to Main and Bad; only it is selected. */
    private ClassDirectoryRewriter.Report rewriteSleepy(BlockingCallPolicy policy) throws IOException {
        Files.writeString(sources.resolve("Sleepy.java"), SLEEPY);
        String cp = runtimeClassPath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-proc:none",
                "-g", "-cp", cp, "-d", classes.toString(), sources.resolve("Sleepy.java").toString()));
        return new ClassDirectoryRewriter(classes, runtimeClassPath(), List.of(dir.resolve("src")),
                List.of("app/Sleepy*"), List.of(), true, false, policy).run();
    }

    private static final String SLEEP_REPORT = "app.Sleepy.nap (Sleepy.java:10): java.lang.Thread.sleep holds up the"
            + " event loop's thread; instead: await(sleep(...)), which suspends only this task";

    @Test
    void aBlockingCallIsReportedWithItsSourceFileAndLine() throws IOException {
        ClassDirectoryRewriter.Report r = rewriteSleepy(BlockingCallPolicy.WARN);
        assertEquals(List.of(new ClassDirectoryRewriter.BlockingCall(sources.resolve("Sleepy.java"), 10, SLEEP_REPORT)),
                r.blockingCalls());
        assertEquals(sources.resolve("Sleepy.java") + ":[10] blocking call in " + SLEEP_REPORT,
                r.blockingCalls().get(0).toString());
        assertEquals(List.of(), r.refusals());
        assertEquals(List.of(classes.resolve("app/Sleepy.class")), r.rewritten());
    }

    @Test
    void blockingRefuseMakesTheBlockingCallARefusal() throws IOException {
        ClassDirectoryRewriter.Report r = rewriteSleepy(BlockingCallPolicy.REFUSE);
        assertEquals(List.of(), r.blockingCalls());
        assertEquals(List.of(new ClassDirectoryRewriter.Refusal(sources.resolve("Sleepy.java"), 10,
                SLEEP_REPORT.replace("nap (Sleepy.java:10): ", "nap (Sleepy.java:10): blocking call: ")
                        + "; refused under the option blocking=refuse")), r.refusals());
        assertEquals(List.of(), r.rewritten()); // failOnRefusal: left as compiled
    }

    @Test
    void blockingOffReportsNothing() throws IOException {
        ClassDirectoryRewriter.Report r = rewriteSleepy(BlockingCallPolicy.OFF);
        assertEquals(List.of(), r.blockingCalls());
        assertEquals(List.of(), r.refusals());
        assertEquals(List.of(classes.resolve("app/Sleepy.class")), r.rewritten());
    }
}
