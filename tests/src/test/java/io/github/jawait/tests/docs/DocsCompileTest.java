package io.github.jawait.tests.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Every code block of README.md and docs/*.md compiles, the way kotlinx.coroutines compiles
 * its docs; programs run. The convention, an HTML comment on the line before the fence:
 * <ul>
 * <li>no comment: a {@code java} block is a compilation unit and must compile as pasted; when
 * it has {@code public static void main} it is run, in a new JVM, with the agent, or without it
 * when it calls {@code JawaitAgent.install()} itself, and must exit with status 0;</li>
 * <li>{@code <!-- doc: prints TEXT -->}: as above, and its output must be TEXT;</li>
 * <li>{@code <!-- doc: members -->}: a fragment of class members, compiled inside a class with
 * the imports listed in {@link #MEMBER_IMPORTS};</li>
 * <li>{@code <!-- doc: pseudo -->}: pseudo-Java, not compiled;</li>
 * <li>{@code <!-- doc: xml -->} on an {@code xml} block: a pom.xml fragment that must be
 * well-formed and give every plugin a version (Maven 3.8's defaults are too old).</li>
 * </ul>
 * Blocks of one file compile in order, each seeing the classes of those before it.
 */
class DocsCompileTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern FENCE = Pattern.compile(
            "(?:<!-- doc: (\\w+)(?: ([^\\n]*?))? -->\\n)?```(java|xml)\\n(.*?)\\n```", Pattern.DOTALL);
    static final String MEMBER_IMPORTS = "import static io.github.jawait.Asyncio.*;\n"
            + "import static org.junit.jupiter.api.Assertions.*;\n"
            + "import io.github.jawait.*;\n"
            + "import io.github.jawait.junit.AsyncTest;\n"
            + "import java.time.Duration;\n"
            + "import java.util.*;\n";

    record Block(Path file, int line, String kind, String argument, String language, String code) {
        String label() {
            return ROOT.relativize(file) + ":" + line;
        }
    }

    /** The class directories of the blocks, one per Markdown file; JUnit deletes it after the last block ran. */
    @TempDir
    static Path classes;

    @TestFactory
    Stream<DynamicTest> everyCodeBlockOfTheDocsCompiles() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            Path out = Files.createDirectory(classes.resolve(ROOT.relativize(file).toString().replace('/', '-')));
            for (Block b : blocks(file)) {
                tests.add(DynamicTest.dynamicTest(b.label() + " " + (b.kind() == null ? b.language() : b.kind()),
                        () -> check(b, out)));
            }
        }
        assertTrue(tests.size() >= 6, "found only " + tests.size() + " code blocks");
        return tests.stream();
    }

    static List<Block> blocks(Path file) throws IOException {
        String text = Files.readString(file);
        List<Block> blocks = new ArrayList<>();
        Matcher m = FENCE.matcher(text);
        while (m.find()) {
            int line = (int) text.substring(0, m.start(3)).lines().count() + 1;
            blocks.add(new Block(file, line, m.group(1), m.group(2), m.group(3), m.group(4)));
        }
        return blocks;
    }

    private static void check(Block b, Path out) throws Exception {
        if ("xml".equals(b.language())) {
            checkPomFragment(b);
            return;
        }
        if ("pseudo".equals(b.kind())) {
            return;
        }
        boolean members = "members".equals(b.kind());
        String className = members ? "Snippet" + b.line() : publicClassName(b);
        String source = members ? MEMBER_IMPORTS + "class " + className + " {\n" + b.code() + "\n}\n" : b.code();
        compile(b, className, source, out);
        if (!members && b.code().contains("public static void main(String[] args)")) {
            String output = run(b, className, out);
            if ("prints".equals(b.kind())) {
                assertEquals(b.argument(), output.strip(), b.label());
            }
        }
    }

    private static String publicClassName(Block b) {
        Matcher m = Pattern.compile("public (?:final )?class (\\w+)").matcher(b.code());
        assertTrue(m.find(), b.label() + ": a compilation unit without a public class; mark fragments <!-- doc: members -->");
        return m.group(1);
    }

    private static void compile(Block b, String className, String source, Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        JavaFileObject unit = new SimpleJavaFileObject(
                java.net.URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        StringWriter diagnostics = new StringWriter();
        List<String> options = List.of("--release", "17", "-proc:none", "-d", out.toString(),
                "-cp", System.getProperty("java.class.path") + File.pathSeparator + out);
        boolean ok = javac.getTask(diagnostics, null, null, options, null, List.of(unit)).call();
        assertTrue(ok, () -> b.label() + " does not compile:\n" + diagnostics + "\n" + source);
    }

    private static String run(Block b, String className, Path out) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new ArrayList<>(List.of(java));
        if (!b.code().contains("JawaitAgent.install()")) {
            command.add("-javaagent:" + System.getProperty("jawait.agent.jar"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path") + File.pathSeparator + out, className));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean finished = p.waitFor(120, TimeUnit.SECONDS);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            p.destroyForcibly();
        }
        assertTrue(finished, () -> b.label() + " did not finish: " + output);
        assertEquals(0, p.exitValue(), () -> b.label() + " failed:\n" + output);
        // JDK 21+ warns about agents attached at run time; that is not the program's output
        return output.lines().filter(l -> !l.startsWith("WARNING")).reduce("", (x, y) -> x + y + "\n");
    }

    private static void checkPomFragment(Block b) throws Exception {
        assertEquals("xml", b.kind(), () -> b.label() + ": mark pom.xml fragments <!-- doc: xml -->");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader("<fragment>" + b.code() + "</fragment>")));
        NodeList plugins = doc.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            String artifact = plugin.getElementsByTagName("artifactId").item(0).getTextContent();
            boolean versioned = false;
            for (var n = plugin.getFirstChild(); n != null; n = n.getNextSibling()) {
                versioned |= n instanceof Element e && e.getTagName().equals("version");
            }
            assertTrue(versioned, b.label() + ": plugin " + artifact + " has no <version>");
        }
        NodeList dependencies = doc.getElementsByTagName("dependency");
        boolean bom = b.code().contains("<artifactId>jawait-bom</artifactId>");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element d = (Element) dependencies.item(i);
            boolean versioned = d.getElementsByTagName("version").getLength() > 0;
            assertFalse(!versioned && !bom, b.label() + ": dependency "
                    + d.getElementsByTagName("artifactId").item(0).getTextContent() + " has no version and no BOM");
        }
    }
}
