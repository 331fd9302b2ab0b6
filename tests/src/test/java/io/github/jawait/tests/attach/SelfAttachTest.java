package io.github.jawait.tests.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** JawaitAgent.install() attaches the agent at run time (byte-buddy-agent), without -javaagent. */
class SelfAttachTest {

    @Test
    void installRewritesClassesLoadedAfterIt() throws Exception {
        List<String> lines = runWithoutAgent(SelfAttachMain.class);
        assertEquals(List.of("installed before: false", "installed after: true", "result: 42"), lines);
    }

    @Test
    void aClassLoadedBeforeInstallIsNamedInTheError() throws Exception {
        List<String> lines = runWithoutAgent(SelfAttachTooLateMain.class);
        String cls = SelfAttachTooLateMain.class.getName();
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("error: Asyncio.await() ran un-rewritten in " + cls + ".compute: class "
                + cls + " was loaded before the agent was installed, and the agent rewrites only classes loaded"
                + " after it. Call JawaitAgent.install() before that class loads, from a class that has no @Async"
                + " methods"), lines.get(0));
        assertTrue(lines.get(0).contains("Launcher-Agent-Class"), lines.get(0));
    }

    /** Runs {@code main} in a JVM started without -javaagent; its output without the JDK's warnings. */
    private static List<String> runWithoutAgent(Class<?> main) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), main.getName())
                .redirectErrorStream(true).start();
        boolean finished = p.waitFor(120, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            p.destroyForcibly();
        }
        assertEquals(true, finished, out);
        assertEquals(0, p.exitValue(), out);
        return out.lines().filter(l -> !l.startsWith("WARNING")).toList();
    }
}
