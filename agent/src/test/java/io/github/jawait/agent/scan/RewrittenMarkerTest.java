package io.github.jawait.agent.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.marker.MarkerFixture;
import io.github.jawait.agent.ClassRewriter;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;

/** Rewritten classes carry the transformer's version; a second rewrite leaves them alone, another version is refused. */
class RewrittenMarkerTest {

    private static byte[] bytesOf(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }

    @Test
    void theVersionIsTheAgentsMavenVersion() {
        assertTrue(RewrittenMarker.VERSION.matches("\\d+\\.\\d+\\.\\d+.*"), RewrittenMarker.VERSION);
    }

    @Test
    void aRewrittenClassIsMarkedAndNotRewrittenAgain() throws IOException {
        byte[] original = bytesOf(MarkerFixture.class);
        assertNull(RewrittenMarker.versionOf(original));
        ClassLoader loader = getClass().getClassLoader();
        ClassRewriter.Result first = new ClassRewriter().rewrite(original, loader);
        assertNotNull(first.bytes());
        assertEquals(RewrittenMarker.VERSION, RewrittenMarker.versionOf(first.bytes()));
        // invisible: kept in the class file, never visible to reflection
        ClassNode cn = new ClassNode();
        new ClassReader(first.bytes()).accept(cn, 0);
        assertNull(cn.visibleAnnotations == null ? null
                : cn.visibleAnnotations.stream().filter(a -> a.desc.equals(RewrittenMarker.DESC)).findAny().orElse(null));
        ClassRewriter.Result second = new ClassRewriter().rewrite(first.bytes(), loader);
        assertNull(second.bytes());
        assertEquals(List.of(), second.refusals());
    }

    @Test
    void aClassMarkedByAnotherVersionIsRefusedSayingToRebuild() throws IOException {
        ClassLoader loader = getClass().getClassLoader();
        byte[] rewritten = new ClassRewriter().rewrite(bytesOf(MarkerFixture.class), loader).bytes();
        ClassNode cn = new ClassNode();
        new ClassReader(rewritten).accept(cn, 0);
        for (AnnotationNode a : cn.invisibleAnnotations) {
            if (a.desc.equals(RewrittenMarker.DESC)) {
                a.values = List.of("version", "0.0.1-old");
            }
        }
        ClassWriter w = new ClassWriter(0);
        cn.accept(w);
        List<String> logged = new java.util.ArrayList<>();
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("io.github.jawait.agent");
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(record.getLevel() + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        log.setUseParentHandlers(false); // expected: kept off the console
        ClassRewriter.Result r;
        try {
            r = new ClassRewriter().rewrite(w.toByteArray(), loader);
        } finally {
            log.removeHandler(capture);
            log.setUseParentHandlers(true);
        }
        assertEquals(List.of("SEVERE jawait: cannot rewrite " + r.refusals().get(0)), logged);
        assertEquals(1, r.refusals().size());
        assertEquals(MarkerFixture.class.getName() + ": this class was rewritten at build time by jawait 0.0.1-old,"
                + " but the transformer here is jawait " + RewrittenMarker.VERSION + "; rebuild it from its sources"
                + " (mvn clean verify) with one jawait version for the build plugin, the runtime and the agent",
                r.refusals().get(0));
        assertNotNull(r.bytes());
        assertNotEquals(0, r.bytes().length);
    }
}
