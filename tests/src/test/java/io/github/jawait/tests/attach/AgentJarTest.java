package io.github.jawait.tests.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The agent jar as published: its manifest, its relocated dependencies, and java -jar with Launcher-Agent-Class. */
class AgentJarTest {
    private static final Path AGENT = Path.of(System.getProperty("jawait.agent.jar"));

    @Test
    void theManifestNamesTheAgentForEveryWayOfStartingIt() throws IOException {
        try (JarFile jar = new JarFile(AGENT.toFile())) {
            Attributes a = jar.getManifest().getMainAttributes();
            assertEquals("io.github.jawait.agent.JawaitAgent", a.getValue("Premain-Class"));
            assertEquals("io.github.jawait.agent.JawaitAgent", a.getValue("Agent-Class"));
            assertEquals("io.github.jawait.agent.JawaitAgent", a.getValue("Launcher-Agent-Class"));
            assertEquals("io.github.jawait.agent", a.getValue("Automatic-Module-Name"));
        }
    }

    @Test
    void asmAndByteBuddyAreRelocatedInside() throws IOException {
        try (JarFile jar = new JarFile(AGENT.toFile())) {
            List<String> foreign = jar.stream().map(e -> e.getName())
                    .filter(n -> n.endsWith(".class") && !n.startsWith("io/github/jawait/agent/")
                            && !n.startsWith("META-INF/versions/"))
                    .collect(Collectors.toList());
            assertEquals(List.of(), foreign);
            assertTrue(jar.getEntry("io/github/jawait/agent/shaded/bytebuddy/agent/ByteBuddyAgent.class") != null);
            assertTrue(jar.getEntry("io/github/jawait/agent/shaded/asm/ClassReader.class") != null);
        }
    }

    @Test
    void theShadedAsmClassesCarryStackMapFrames() throws IOException {
        // ASM ships class-file version 49: without frames, verified by the JVM's old verifier and
        // never archived by CDS; the agent's build re-emits them (agent/src/build/ReframeShadedAsm.java)
        try (JarFile jar = new JarFile(AGENT.toFile())) {
            List<String> old = new java.util.ArrayList<>();
            int seen = 0;
            for (java.util.jar.JarEntry e : java.util.Collections.list(jar.entries())) {
                if (e.getName().startsWith("io/github/jawait/agent/shaded/asm/") && e.getName().endsWith(".class")) {
                    seen++;
                    byte[] head = jar.getInputStream(e).readNBytes(8);
                    int major = ((head[6] & 0xff) << 8) | (head[7] & 0xff);
                    if (major < 52) {
                        old.add(e.getName() + " " + major);
                    }
                }
            }
            assertTrue(seen > 100, "shaded ASM classes: " + seen);
            assertEquals(List.of(), old);
        }
    }

    @Test
    void javaDashJarStartsTheAgentNamedByLauncherAgentClassWhichRewrites() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "launcher-app")).toAbsolutePath();
        Path app = dir.resolve("app.jar");
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.put(Attributes.Name.MAIN_CLASS, LauncherMain.class.getName());
        a.putValue("Launcher-Agent-Class", "io.github.jawait.agent.JawaitAgent");
        // the class path as it is, relative to the jar, as maven-jar-plugin's addClasspath writes it
        // only what the application needs (its classes and jawait's jars), as a user's jar lists:
        // the tests' whole class path brings other modules' libraries an app does not have
        a.put(Attributes.Name.CLASS_PATH, Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.contains("jawait-") || e.endsWith("test-classes") || e.endsWith("classes"))
                .map(Path::of).map(p -> dir.relativize(p.toAbsolutePath()).toString().replace(File.separatorChar, '/')
                        + (Files.isDirectory(p) ? "/" : ""))
                .collect(Collectors.joining(" ")));
        try (OutputStream out = Files.newOutputStream(app); JarOutputStream jar = new JarOutputStream(out, m)) {
            // the main class comes from the manifest's class path (test-classes)
        }
        try (java.util.jar.JarFile built = new java.util.jar.JarFile(app.toFile())) {
            Attributes main = built.getManifest().getMainAttributes();
            assertEquals("io.github.jawait.agent.JawaitAgent", main.getValue("Launcher-Agent-Class"));
            assertEquals(LauncherMain.class.getName(), main.getValue(Attributes.Name.MAIN_CLASS));
        }
        // java -jar, no -javaagent: the agent starts from the manifest and rewrites the @Async method
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-jar", app.toString()).redirectErrorStream(true).start();
        boolean finished = p.waitFor(120, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            p.destroyForcibly();
        }
        assertTrue(finished, out);
        assertEquals(0, p.exitValue(), out);
        assertEquals(List.of("installed: true", "result: 42"), out.lines().filter(l -> !l.startsWith("WARNING")).toList());
    }
}
