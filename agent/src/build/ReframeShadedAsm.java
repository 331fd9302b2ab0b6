import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Build step of the agent jar (agent/pom.xml runs it with {@code java} after the shade plugin):
 * re-emits the shaded ASM classes, which ASM ships as class-file version 49 (Java 5, no stack map
 * frames), as version 52 with frames computed here. The JVM verifies a version-49 class with the
 * old type-inferring verifier and CDS refuses to archive it; the first class the agent rewrites
 * loads about 70 of them (start-up, issue 17: docs/benchmarks.md, "Agent start-up"). Only
 * frames and the version change: the instructions are ASM's own.
 *
 * <p>usage: {@code java -cp ASM_JARS ReframeShadedAsm AGENT_JAR PACKAGE_PREFIX}
 */
public final class ReframeShadedAsm {
    private final Map<String, String> superNames = new HashMap<>();
    private final Map<String, Boolean> interfaces = new HashMap<>();

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ReframeShadedAsm AGENT_JAR PACKAGE_PREFIX (such as a/b/shaded/asm/)");
        }
        Path jar = Path.of(args[0]);
        Path out = jar.resolveSibling(jar.getFileName() + ".reframed");
        int n = new ReframeShadedAsm().run(jar, out, args[1]);
        if (n == 0) {
            throw new IllegalStateException("no class under " + args[1] + " with a version below 50 in " + jar
                    + ": the shade plugin's relocation changed, or ASM ships frames now (then drop this step)");
        }
        Files.move(out, jar, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("ReframeShadedAsm: " + n + " classes under " + args[1] + " given stack map frames (version 52)");
    }

    private int run(Path jar, Path out, String prefix) throws IOException {
        try (JarFile in = new JarFile(jar.toFile())) {
            for (JarEntry e : Collections.list(in.entries())) {
                if (e.getName().endsWith(".class")) {
                    ClassReader r = new ClassReader(in.getInputStream(e).readAllBytes());
                    superNames.put(r.getClassName(), r.getSuperName());
                    interfaces.put(r.getClassName(), (r.getAccess() & Opcodes.ACC_INTERFACE) != 0);
                }
            }
            int n = 0;
            // entries in the same order, the manifest first as the shade plugin wrote it
            try (OutputStream os = Files.newOutputStream(out); JarOutputStream jos = new JarOutputStream(os)) {
                for (JarEntry e : Collections.list(in.entries())) {
                    byte[] bytes = in.getInputStream(e).readAllBytes();
                    if (e.getName().startsWith(prefix) && e.getName().endsWith(".class") && major(bytes) < 50) {
                        bytes = reframe(bytes);
                        n++;
                    }
                    JarEntry copy = new JarEntry(e.getName());
                    copy.setTime(e.getTime());
                    jos.putNextEntry(copy);
                    jos.write(bytes);
                    jos.closeEntry();
                }
            }
            return n;
        }
    }

    private static int major(byte[] classFile) {
        return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    private byte[] reframe(byte[] classFile) {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return commonSuperClass(a, b);
            }
        };
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, w) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                    String[] interfaceNames) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaceNames);
            }
        }, 0);
        return w.toByteArray();
    }

    /** As the verifier merges: the nearest common superclass, interfaces counted as Object. */
    private String commonSuperClass(String a, String b) {
        if (isInterface(a) || isInterface(b)) {
            return "java/lang/Object";
        }
        for (String s = a; s != null; s = superName(s)) {
            for (String t = b; t != null; t = superName(t)) {
                if (s.equals(t)) {
                    return s;
                }
            }
        }
        return "java/lang/Object";
    }

    /** From the jar's bytes, else the JDK's own classes (nothing else may be named here). */
    private String superName(String type) {
        if (superNames.containsKey(type)) {
            return superNames.get(type);
        }
        Class<?> c = jdkClass(type);
        return c.getSuperclass() == null ? null : c.getSuperclass().getName().replace('.', '/');
    }

    private boolean isInterface(String type) {
        Boolean known = interfaces.get(type);
        return known != null ? known : jdkClass(type).isInterface();
    }

    private static Class<?> jdkClass(String type) {
        try {
            return Class.forName(type.replace('/', '.'), false, null);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("frames need the supertypes of " + type + ", which is neither in the jar"
                    + " nor a JDK class", e);
        }
    }
}
