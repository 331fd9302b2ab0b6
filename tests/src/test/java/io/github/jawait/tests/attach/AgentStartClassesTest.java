package io.github.jawait.tests.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The agent's own start-up (issue 17): each class it loads before the application's first
 * {@code @Async} class costs the JVM, so without options it loads its transformer and the scan
 * and nothing else (no option parser, no stats, no ASM); options load what they need.
 */
class AgentStartClassesTest {
    private static final String AGENT = System.getProperty("jawait.agent.jar");
    private static final String PKG = "io.github.jawait.agent.";

    @Test
    void withoutOptionsOnlyTheTransformerAndTheScanLoad() throws Exception {
        assertEquals(List.of(PKG + "JawaitAgent", PKG + "AsyncClassTransformer", PKG + "scan.CheapScan"),
                agentClassesLoaded(""));
    }

    @Test
    void optionsLoadTheirParserAndTheStatsButStillNoAsm() throws Exception {
        List<String> loaded = agentClassesLoaded("=stats,blocking=refuse");
        assertTrue(loaded.containsAll(List.of(PKG + "AgentOptions", PKG + "BlockingCallPolicy", PKG + "AgentStats")),
                loaded::toString);
        assertTrue(loaded.stream().noneMatch(c -> c.contains(".shaded.") || c.equals(PKG + "ClassRewriter")),
                loaded::toString);
    }

    /** The agent classes a JVM running PlainMain loads, in order (-Xlog:class+load). */
    private static List<String> agentClassesLoaded(String options) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        String classes = Path.of(PlainMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        // the log is longer than a pipe holds: to a file, so the child never waits on this thread
        Path log = Files.createTempFile("jawait-agent-start", ".log");
        Process p = new ProcessBuilder(java, "-Xlog:class+load=info:stdout", "-javaagent:" + AGENT + options,
                "-cp", classes, PlainMain.class.getName()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = p.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        assertTrue(finished, out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.lines().anyMatch(l -> l.equals("plain")), out);
        // "[0.071s][info][class,load] io.github.jawait.agent.JawaitAgent source: file:/.../jawait-agent-....jar"
        return out.lines().filter(l -> l.contains("[class,load] " + PKG))
                .map(l -> l.substring(l.indexOf("[class,load] ") + "[class,load] ".length(), l.indexOf(" source: ")))
                .toList();
    }
}
