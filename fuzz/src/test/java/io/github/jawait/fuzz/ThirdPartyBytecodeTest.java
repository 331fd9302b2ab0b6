package io.github.jawait.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.agent.AsyncClassTransformer;
import io.github.jawait.agent.ForcedReemit;
import io.github.jawait.agent.Verification;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: the agent over real third-party bytecode (Guava, Jackson databind, Netty buffer and
 * common, the Kotlin standard library, ASM), every class of each jar.
 *
 * <p>First the agent's transformer, as the JVM calls it, must skip every class: none names
 * jawait, so none may be touched; the cost of that scan per class is printed. Then the forced
 * test mode ({@link ForcedReemit}) analyses and re-emits every method with code, and the JVM
 * itself verifies the result: each class is defined from its re-emitted bytes in a fresh loader
 * and linked ({@code getDeclaredMethods} links, which verifies, without running the static
 * initializer). No re-emitted class may fail verification. A class that cannot be linked in its
 * original form either (an optional dependency of the library is absent) is counted and left out.
 */
class ThirdPartyBytecodeTest {
    /** One class of each library: its jar is the library. */
    private static final List<Class<?>> LIBRARIES = List.of(com.google.common.collect.ImmutableList.class,
            com.fasterxml.jackson.databind.ObjectMapper.class, io.netty.buffer.ByteBuf.class,
            io.netty.util.ResourceLeakDetector.class, kotlin.Unit.class, org.objectweb.asm.ClassReader.class);

    @Test
    void theAgentSkipsEveryClassAndItsForcedReEmissionVerifies() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (Class<?> c : LIBRARIES) {
            urls.add(Compilers.location(c).toURI().toURL());
        }
        // the libraries' dependencies (Jackson's core, Guava's failureaccess, ...) from the test class path
        ClassLoader parent = ThirdPartyBytecodeTest.class.getClassLoader();
        StringBuilder table = new StringBuilder(String.format("%-40s %7s %9s %10s %8s %9s %9s%n", "jar", "classes",
                "scan ns", "methods", "skipped", "unlinked", "verify"));
        int verifyErrors = 0;
        List<String> problems = new ArrayList<>();
        for (Class<?> library : LIBRARIES) {
            File jar = Compilers.location(library);
            Map<String, byte[]> classes = classesOf(jar);
            try (URLClassLoader original = new URLClassLoader(urls.toArray(new URL[0]), parent)) {
                // pass 1: the transformer, as the JVM calls it: nothing to rewrite, so null for every class
                AsyncClassTransformer transformer = new AsyncClassTransformer(true);
                List<String> touched = new ArrayList<>();
                long best = Long.MAX_VALUE;
                for (int round = 0; round < 3; round++) { // the best of three rounds: the machine is shared
                    long t0 = System.nanoTime();
                    for (Map.Entry<String, byte[]> e : classes.entrySet()) {
                        if (transformer.transform(original, e.getKey(), null, null, e.getValue()) != null) {
                            touched.add(e.getKey());
                        }
                    }
                    best = Math.min(best, System.nanoTime() - t0);
                }
                assertEquals(List.of(), touched, jar.getName() + ": the agent touched classes that never name jawait");

                // pass 2: every method re-emitted by the agent, then verified by the JVM
                ForcedReemit forced = new ForcedReemit(original);
                Map<String, byte[]> reemitted = new TreeMap<>();
                int methods = 0;
                int skipped = 0;
                for (Map.Entry<String, byte[]> e : classes.entrySet()) {
                    ForcedReemit.Result r = forced.reemit(e.getValue());
                    methods += r.methods();
                    skipped += r.notReemitted().size();
                    String structure = Verification.checkStructure(r.bytes());
                    if (!structure.isEmpty()) {
                        problems.add(e.getKey() + ": CheckClassAdapter: " + structure);
                    }
                    reemitted.put(e.getKey().replace('/', '.'), r.bytes());
                }
                int unlinked = 0;
                int errors = 0;
                try (Reemitted loader = new Reemitted(reemitted, urls, parent)) {
                    for (String name : reemitted.keySet()) {
                        try {
                            Class.forName(name, false, loader).getDeclaredMethods();
                        } catch (VerifyError | ClassFormatError e) {
                            errors++;
                            problems.add(name + ": " + e);
                        } catch (LinkageError e) {
                            // is it the library's (a missing optional dependency) or ours?
                            try {
                                Class.forName(name, false, original).getDeclaredMethods();
                                errors++;
                                problems.add(name + ": links in its original form but not re-emitted: " + e);
                            } catch (LinkageError expected) {
                                unlinked++;
                            }
                        }
                    }
                }
                verifyErrors += errors;
                table.append(String.format("%-40s %7d %9.0f %10d %8d %9d %9d%n", jar.getName(), classes.size(),
                        (double) best / classes.size(), methods, skipped, unlinked, errors));
            }
        }
        System.out.print("third-party bytecode: scan ns = the transformer's cost per class (best of 3);"
                + " methods = re-emitted; skipped = not re-emitted (a class file the hierarchy needs is absent);"
                + " unlinked = not linkable in the original form either\n" + table);
        assertTrue(problems.isEmpty(), verifyErrors + " verify errors, problems: " + String.join("\n", problems));
    }

    /** Every class file of a jar (internal name to bytes), without module-info and multi-release copies. */
    private static Map<String, byte[]> classesOf(File jar) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (JarFile f = new JarFile(jar)) {
            for (Enumeration<JarEntry> en = f.entries(); en.hasMoreElements(); ) {
                JarEntry e = en.nextElement();
                String n = e.getName();
                if (n.endsWith(".class") && !n.startsWith("META-INF/") && !n.endsWith("module-info.class")
                        && !n.endsWith("package-info.class")) {
                    try (InputStream in = f.getInputStream(e)) {
                        out.put(n.substring(0, n.length() - 6), in.readAllBytes());
                    }
                }
            }
        }
        return out;
    }

    /** Defines the libraries' classes from their re-emitted bytes, child first; the rest from the jars. */
    private static final class Reemitted extends URLClassLoader {
        private final Map<String, byte[]> classes;

        Reemitted(Map<String, byte[]> classes, List<URL> urls, ClassLoader parent) {
            super(urls.toArray(new URL[0]), parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && classes.containsKey(name)) {
                    byte[] b = classes.get(name);
                    c = defineClass(name, b, 0, b.length);
                }
                return c != null ? c : super.loadClass(name, resolve);
            }
        }
    }
}
