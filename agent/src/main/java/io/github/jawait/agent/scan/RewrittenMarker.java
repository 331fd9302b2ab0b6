package io.github.jawait.agent.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;

/**
 * The mark a rewritten class carries: an invisible annotation (never loaded, never seen by
 * reflection) holding the transformer's version. A class rewritten at build time is left alone
 * by a second build and by the agent; one rewritten by another version is refused, since the
 * code it calls in the runtime may have changed.
 */
public final class RewrittenMarker {
    /** The annotation's descriptor; no such class exists, and none is needed for an invisible annotation. */
    public static final String DESC = "Lio/github/jawait/agent/Rewritten;";
    /** The version of this transformer: the agent's Maven version. */
    public static final String VERSION = readVersion();

    private static final byte[] DESC_BYTES = DESC.getBytes(StandardCharsets.US_ASCII);

    private RewrittenMarker() {
    }

    /** The version a class was rewritten by, or null when it carries no mark. */
    public static String versionOf(byte[] classFile) {
        if (CheapScan.indexOf(classFile, DESC_BYTES) < 0) {
            return null;
        }
        String[] version = {null};
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                if (!DESC.equals(descriptor)) {
                    return null;
                }
                return new AnnotationVisitor(Opcodes.ASM9) {
                    @Override
                    public void visit(String name, Object value) {
                        if ("version".equals(name)) {
                            version[0] = String.valueOf(value);
                        }
                    }
                };
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return version[0];
    }

    /** Marks {@code cn} as rewritten by this version. */
    public static void mark(ClassNode cn) {
        if (cn.invisibleAnnotations == null) {
            cn.invisibleAnnotations = new ArrayList<>();
        }
        cn.invisibleAnnotations.removeIf(a -> DESC.equals(a.desc));
        AnnotationNode marker = new AnnotationNode(DESC);
        marker.values = new ArrayList<>(List.of("version", VERSION));
        cn.invisibleAnnotations.add(marker);
    }

    /** Why a class marked by {@code markedVersion} is refused by this transformer. */
    public static String mismatch(String markedVersion) {
        return "this class was rewritten at build time by jawait " + markedVersion + ", but the transformer"
                + " here is jawait " + VERSION + "; rebuild it from its sources (mvn clean verify) with one"
                + " jawait version for the build plugin, the runtime and the agent";
    }

    private static String readVersion() {
        Properties p = new Properties();
        try (InputStream in = RewrittenMarker.class.getResourceAsStream("/io/github/jawait/agent/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // the default below
        }
        return p.getProperty("version", "unknown");
    }
}
