package io.github.jawait.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: a refusal names where it is. With line numbers that is the source line; in a class
 * compiled with {@code -g:none} (no source file, no lines) it is the method's descriptor and the
 * bytecode offset {@code javap -c} shows for the refused instruction.
 */
class RefusalLocationTest {
    private static final String SOURCE = """
            package demo;

            import static io.github.jawait.Asyncio.await;
            import static io.github.jawait.Asyncio.result;
            import static io.github.jawait.Asyncio.sleep;

            import io.github.jawait.Async;
            import io.github.jawait.Coroutine;

            public class Held {
                static final Object LOCK = new Object();

                @Async
                static Coroutine<String> hold(int n) {
                    synchronized (LOCK) {
                        await(sleep(n));
                    }
                    return result("held");
                }

                @Async
                String notACoroutine() {
                    return "no";
                }
            }
            """;
    private static final String REASON = ": await inside synchronized: the loop thread would hold the monitor while"
            + " other tasks run; use io.github.jawait.sync.Lock instead";
    private static final java.util.logging.Logger AGENT_LOG = java.util.logging.Logger.getLogger("io.github.jawait.agent");

    @BeforeAll
    static void quiet() {
        AGENT_LOG.setLevel(java.util.logging.Level.OFF); // the refusals are expected; the test reads them
    }

    @AfterAll
    static void loud() {
        AGENT_LOG.setLevel(null);
    }

    @Test
    void withoutDebugInformationTheRefusalNamesDescriptorAndBytecodeOffset() throws Exception {
        List<String> refusals = new ClassRewriter().rewrite(compile("-g:none"), getClass().getClassLoader()).refusals();
        // javap -c demo.Held: hold's "invokestatic io/github/jawait/Asyncio.await" is at offset 11
        // (getstatic 0, dup 3, astore_1 4, monitorenter 5, iload_0 6, i2d 7, invokestatic sleep 8)
        assertEquals(List.of(
                "demo.Held.hold(I)Lio/github/jawait/Coroutine; (unknown source, bytecode offset 11)" + REASON,
                "demo.Held.notACoroutine()Ljava/lang/String; (unknown source): @Async methods must return"
                        + " io.github.jawait.Coroutine<T> or io.github.jawait.AsyncGenerator<T>, but this one returns"
                        + " java.lang.String"), refusals);
    }

    @Test
    void withDebugInformationTheRefusalNamesFileAndLine() throws Exception {
        List<String> refusals = new ClassRewriter().rewrite(compile("-g"), getClass().getClassLoader()).refusals();
        assertEquals(List.of("demo.Held.hold (Held.java:16)" + REASON,
                "demo.Held.notACoroutine (Held.java:23): @Async methods must return io.github.jawait.Coroutine<T> or"
                        + " io.github.jawait.AsyncGenerator<T>, but this one returns java.lang.String"), refusals);
    }

    private static byte[] compile(String debug) throws URISyntaxException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StandardJavaFileManager standard = javac.getStandardFileManager(null, null, null);
        Map<String, byte[]> out = new HashMap<>();
        var files = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                    FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension),
                        kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return new ByteArrayOutputStream() {
                            @Override
                            public void close() {
                                out.put(className.replace('/', '.'), toByteArray());
                            }
                        };
                    }
                };
            }
        };
        JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///demo/Held.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return SOURCE;
            }
        };
        List<String> options = new ArrayList<>(List.of("--release", "17", debug, "-proc:none", "-classpath",
                location(io.github.jawait.Asyncio.class) + File.pathSeparator + location(io.github.jawait.Async.class)));
        assertTrue(javac.getTask(null, files, null, options, null, List.of(unit)).call(), "javac failed");
        return out.get("demo.Held");
    }

    private static String location(Class<?> c) throws URISyntaxException {
        return new File(c.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
    }
}
