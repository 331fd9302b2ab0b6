package io.github.jawait.benchmarks.startup;

import io.github.jawait.agent.ClassRewriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Builds the executable jars that benchmarks/startup.py starts (issue 17), run by Maven at
 * package time ({@code exec:exec} in benchmarks/pom.xml) with the jawait jars on its class path:
 * <pre>
 * target/startup/lib/jawait-{agent,runtime,annotations}.jar, lib/empty-agent.jar
 * hello.jar            Hello, nothing else                          java -jar hello.jar
 * hello-async.jar      HelloAsync, the runtime on Class-Path         java -javaagent:lib/jawait-agent.jar -jar hello-async.jar
 * launcher.jar         Hello, Launcher-Agent-Class: JawaitAgent       java -jar launcher.jar
 * launcher-empty.jar   Hello, Launcher-Agent-Class: EmptyAgent        (the JVM's floor for that mechanism)
 * launcher-async.jar   HelloAsync, Launcher-Agent-Class: JawaitAgent
 * buildtime-async.jar  HelloAsync rewritten here, by the agent's ClassRewriter (what jawait-maven-plugin
 *                      runs), and no agent at all
 * </pre>
 * Each jar names its libraries on the manifest's {@code Class-Path}, as README section 4 has a
 * user's application jar do.
 *
 * <p>usage: {@code StartupJars CLASSES_DIR OUT_DIR} (the class path must hold the jawait jars).
 */
public final class StartupJars {
    private static final String PKG = "io/github/jawait/benchmarks/startup/";
    private static final String AGENT_CLASS = "io.github.jawait.agent.JawaitAgent";
    private static final String AGENT = "lib/jawait-agent.jar";
    private static final String RUNTIME = "lib/jawait-runtime.jar lib/jawait-annotations.jar";

    private StartupJars() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: StartupJars CLASSES_DIR OUT_DIR");
        }
        Path classes = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out.resolve("lib"));
        for (String name : List.of("jawait-agent", "jawait-runtime", "jawait-annotations")) {
            Files.copy(jawaitJar(name), out.resolve("lib/" + name + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
        byte[] hello = Files.readAllBytes(classes.resolve(PKG + "Hello.class"));
        byte[] helloAsync = Files.readAllBytes(classes.resolve(PKG + "HelloAsync.class"));
        String main = "io.github.jawait.benchmarks.startup.";
        jar(out.resolve("lib/empty-agent.jar"), null, null, null,
                Map.of(PKG + "EmptyAgent.class", Files.readAllBytes(classes.resolve(PKG + "EmptyAgent.class"))));
        jar(out.resolve("hello.jar"), main + "Hello", null, null, Map.of(PKG + "Hello.class", hello));
        jar(out.resolve("hello-async.jar"), main + "HelloAsync", null, RUNTIME, Map.of(PKG + "HelloAsync.class", helloAsync));
        jar(out.resolve("launcher.jar"), main + "Hello", AGENT_CLASS, AGENT, Map.of(PKG + "Hello.class", hello));
        jar(out.resolve("launcher-empty.jar"), main + "Hello", main + "EmptyAgent", "lib/empty-agent.jar",
                Map.of(PKG + "Hello.class", hello));
        jar(out.resolve("launcher-async.jar"), main + "HelloAsync", AGENT_CLASS, AGENT + " " + RUNTIME,
                Map.of(PKG + "HelloAsync.class", helloAsync));
        jar(out.resolve("buildtime-async.jar"), main + "HelloAsync", null, RUNTIME,
                Map.of(PKG + "HelloAsync.class", rewrite(helloAsync)));
    }

    /** HelloAsync as the build-time rewrite leaves it; its supertypes come from this JVM's class path. */
    private static byte[] rewrite(byte[] classFile) {
        ClassRewriter.Result r = new ClassRewriter().rewrite(classFile, StartupJars.class.getClassLoader());
        if (r.bytes() == null || !r.refusals().isEmpty()) {
            throw new IllegalStateException("HelloAsync was not rewritten: " + r.refusals());
        }
        return r.bytes();
    }

    /** The jar of the class path named {@code name}-VERSION.jar; a class directory is not enough to copy. */
    private static Path jawaitJar(String name) {
        List<String> seen = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            String file = p.getFileName().toString();
            if (file.startsWith(name + "-") && file.endsWith(".jar") && !file.contains("sources")) {
                return p;
            }
            seen.add(entry);
        }
        throw new IllegalStateException("no " + name + "-*.jar on the class path (build with package, not compile,"
                + " so that the reactor hands over jars): " + seen);
    }

    private static void jar(Path file, String mainClass, String launcherAgent, String classPath,
            Map<String, byte[]> entries) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            a.put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        if (launcherAgent != null) {
            a.putValue("Launcher-Agent-Class", launcherAgent);
        }
        if (classPath != null) {
            a.put(Attributes.Name.CLASS_PATH, classPath);
        }
        try (OutputStream os = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(os, m)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
    }
}
