package io.github.jawait.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.marker.MarkerFixture;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The agent option {@code stats}: the transformer counts classes passed over and rewritten, and times them. */
class AgentStatsTest {
    private static final Pattern LINE = Pattern.compile("jawait agent stats: premain_ms=([\\d.]+) passed_over=(\\d+)"
            + " passed_over_ms=([\\d.]+) passed_over_cpu_ms=([\\d.]+) rewritten=(\\d+) rewrite_ms=([\\d.]+)"
            + " rewrite_cpu_ms=([\\d.]+)");

    private static byte[] bytesOf(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }

    @Test
    void countsPassedOverAndRewrittenClassesApart() throws IOException {
        AgentStats stats = new AgentStats();
        stats.started(2_500_000);
        AsyncClassTransformer transformer = new AsyncClassTransformer(AgentOptions.DEFAULT, stats);
        ClassLoader loader = MarkerFixture.class.getClassLoader();

        // no jawait in its constant pool: passed over by the cheap scan
        assertNull(transformer.transform(loader, "io/github/jawait/agent/AgentStatsTest", null, null,
                bytesOf(AgentStatsTest.class)));
        // a name the agent never rewrites: passed over before the scan
        assertNull(transformer.transform(loader, "java/lang/String", null, null, bytesOf(MarkerFixture.class)));
        assertNotNull(transformer.transform(loader, "com/example/marker/MarkerFixture", null, null,
                bytesOf(MarkerFixture.class)));

        Matcher m = LINE.matcher(stats.summary());
        assertTrue(m.matches(), stats.summary());
        assertEquals("2.500", m.group(1));
        assertEquals("2", m.group(2));
        assertEquals("1", m.group(5));
        assertTrue(Double.parseDouble(m.group(6)) > 0, "a rewrite takes time: " + stats.summary());
    }

    @Test
    void withoutTheOptionNothingIsCountedAndRewritingStillWorks() throws IOException {
        AsyncClassTransformer transformer = new AsyncClassTransformer(true);
        assertNotNull(transformer.transform(MarkerFixture.class.getClassLoader(), "com/example/marker/MarkerFixture",
                null, null, bytesOf(MarkerFixture.class)));
    }
}
