package io.github.jawait.tests.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Coroutine;
import io.github.jawait.tests.ExpectedRefusals;
import io.github.jawait.tests.TestLoop;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The blocking-call report end to end: the agent warns when the class loads, once per call
 * site, and its {@code blocking=} option turns the warning into a refusal or off.
 */
class BlockingCallWarningTest {
    private static final Path AGENT = Path.of(System.getProperty("jawait.agent.jar"));
    private static final String FIXTURE = BlockingFixture.class.getName();

    private static String site() throws IOException {
        return FIXTURE + ".nap (BlockingFixture.java:" + lineOf("MARK:blocking-sleep") + "): java.lang.Thread.sleep"
                + " holds up the event loop's thread; instead: await(sleep(...)), which suspends only this task";
    }

    @Test
    void theAgentWarnsOnceWhenTheClassLoadsAndStillRewritesIt() throws Exception {
        ExpectedRefusals.install();
        String warning = "jawait: blocking call in " + site();
        assertEquals("off the loop", TestLoop.run(BlockingFixture.nap()));
        assertEquals(List.of(warning), forFixture(ExpectedRefusals.captured()));

        // the same class again, through another loader: the same site is not reported twice
        Class<?> again = new FixtureLoader().loadClass(FIXTURE);
        assertNotEquals(BlockingFixture.class, again);
        Coroutine<?> nap = (Coroutine<?>) again.getMethod("nap").invoke(null);
        assertEquals("off the loop", TestLoop.run(nap));
        assertEquals(List.of(warning), forFixture(ExpectedRefusals.captured()));
    }

    @Test
    void byDefaultAProgramRunsAndItsLogHasOneWarning() throws Exception {
        List<String> out = runFixture(null);
        assertEquals(List.of("WARNING: jawait: blocking call in " + site(), "result: off the loop"), out);
    }

    @Test
    void blockingRefuseRefusesTheMethodWithTheReport() throws Exception {
        String refusal = FIXTURE + ".nap (BlockingFixture.java:" + lineOf("MARK:blocking-sleep")
                + "): blocking call: java.lang.Thread.sleep holds up the event loop's thread; instead:"
                + " await(sleep(...)), which suspends only this task; refused under the option"
                + " blocking=refuse";
        List<String> out = runFixture("verify,blocking=refuse");
        assertEquals(List.of("SEVERE: jawait: cannot rewrite " + refusal, "refused: " + refusal), out);
    }

    @Test
    void blockingOffSaysNothing() throws Exception {
        assertEquals(List.of("result: off the loop"), runFixture("blocking=off"));
    }

    @Test
    void aWrongOptionStopsTheJvmWithTheChoices() throws Exception {
        Process p = start("blocking=maybe");
        String out = finish(p);
        assertNotEquals(0, p.exitValue(), out);
        assertTrue(out.contains("java.lang.IllegalArgumentException: jawait: blocking=maybe is not an option;"
                + " use blocking=warn (the default), blocking=refuse or blocking=off"), out);
    }

    private static List<String> forFixture(List<String> captured) {
        return captured.stream().filter(m -> m.contains(FIXTURE + ".")).toList();
    }

    /** The fixture as a program under {@code -javaagent:...=options}: its output and the agent's log lines. */
    private static List<String> runFixture(String options) throws Exception {
        Process p = start(options);
        String out = finish(p);
        assertEquals(0, p.exitValue(), out);
        List<String> lines = new ArrayList<>();
        for (String line : out.lines().toList()) {
            if (line.contains("jawait:") || line.startsWith("result: ") || line.startsWith("refused: ")) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static Process start(String options) throws IOException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        String agent = "-javaagent:" + AGENT + (options == null ? "" : "=" + options);
        return new ProcessBuilder(java, agent, "-Duser.language=en", "-cp", System.getProperty("java.class.path"),
                FIXTURE).redirectErrorStream(true).start();
    }

    private static String finish(Process p) throws Exception {
        boolean finished = p.waitFor(120, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            p.destroyForcibly();
        }
        assertTrue(finished, out);
        return out;
    }

    private static int lineOf(String marker) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/java", FIXTURE.replace('.', '/') + ".java"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new IllegalStateException(marker + " not found");
    }

    /** Defines the fixture a second time, from its class file, so the agent sees it load again. */
    private static final class FixtureLoader extends ClassLoader {
        FixtureLoader() {
            super(BlockingCallWarningTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(FIXTURE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        byte[] b = in.readAllBytes();
                        c = defineClass(name, b, 0, b.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return c;
            }
        }
    }
}
