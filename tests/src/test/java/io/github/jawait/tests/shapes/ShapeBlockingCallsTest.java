package io.github.jawait.tests.shapes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.jawait.Async;
import io.github.jawait.AsyncTransformError;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.agent.BlockingCallPolicy;
import io.github.jawait.agent.ClassRewriter;
import io.github.jawait.agent.Verification;
import java.io.File;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blocking-call report: {@code shapes/Blocking.java.txt} is compiled with javac at test
 * time and given to the transformer with each {@link BlockingCallPolicy}; the report lines and
 * the refusals are compared in full.
 */
class ShapeBlockingCallsTest {
    private static final String SLEEP = "await(sleep(...)), which suspends only this task";
    private static final String WAIT = "io.github.jawait.sync.Condition or Event: await(condition.waitFor()),"
            + " await(event.waitFor())";
    private static final String JOIN = "run the work with await(toThread(...)) or await(runInExecutor(...))"
            + " instead of a thread to join";
    private static final String WAIT_FOR = "await(process.onExit()), a CompletionStage";
    private static final String FUTURE = "await(future) if it is a CompletionStage, else await(toThread(future::get))";
    private static final String COMPLETABLE = "await(future): any CompletionStage can be awaited";
    private static final String LOCK = "io.github.jawait.sync.Lock: await(lock.acquire()) ... lock.release()";
    private static final String CONDITION = "io.github.jawait.sync.Condition: await(condition.waitFor())";
    private static final String LATCH = "io.github.jawait.sync.Event: await(event.waitFor())";
    private static final String SEMAPHORE = "io.github.jawait.sync.Semaphore: await(semaphore.acquire()) ..."
            + " semaphore.release()";
    private static final String QUEUE = "io.github.jawait.sync.Queue: await(queue.put(x)), await(queue.get())";
    private static final String READ = "the loop's streams: await(reader.read(n)), await(reader.readLine())"
            + " (openConnection), or AsyncFiles for files";
    private static final String WRITE = "the loop's streams: writer.write(bytes) then await(writer.drain()), or"
            + " AsyncFiles for files";
    private static final String CONNECT = "await(openConnection(host, port)), which connects without blocking the loop";
    private static final String ACCEPT = "startServer((reader, writer) -> ..., host, port), which accepts on the loop";
    private static final String HTTP = "await(AsyncHttp.sendAsync(client, request, handler)) or"
            + " await(client.sendAsync(request, handler))";
    private static final String JDBC = "jawait-postgres: await(conn.execute(sql)), await(conn.fetch(sql, args...));"
            + " other databases: await(toThread(...))";
    private static final String COMMIT = "jawait-postgres: conn.transaction(); other databases: await(toThread(...))";

    @TempDir
    static Path dir;
    private static List<String> source;
    private static byte[] original;
    private static URLClassLoader loader;
    private static String asyncLambda;

    @BeforeAll
    static void compile() throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assumeTrue(javac != null, "no compiler in this JDK");
        Path src = dir.resolve("src/blocking/Blocking.java");
        Files.createDirectories(src.getParent());
        try (InputStream in = ShapeBlockingCallsTest.class.getResourceAsStream("/shapes/Blocking.java.txt")) {
            Files.writeString(src, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        source = Files.readAllLines(src);
        Path out = dir.resolve("out");
        String cp = location(Async.class) + File.pathSeparator + location(Asyncio.class);
        assertEquals(0, javac.run(null, null, null, "--release", "17", "-g", "-cp", cp, "-d", out.toString(),
                src.toString()), "javac failed");
        original = Files.readAllBytes(out.resolve("blocking/Blocking.class"));
        loader = new URLClassLoader(new java.net.URL[] {out.toUri().toURL()},
                ShapeBlockingCallsTest.class.getClassLoader());
        // javac numbers lambda bodies per class; find the async lambda's by its enclosing method
        // (the class loads through the agent: skip the body it adds, lambda$asyncLambda$N$resume)
        asyncLambda = Arrays.stream(loader.loadClass("blocking.Blocking").getDeclaredMethods()).map(Method::getName)
                .filter(n -> n.startsWith("lambda$asyncLambda$") && !n.endsWith("$resume"))
                .findFirst().orElseThrow();
    }

    @AfterAll
    static void close() throws Exception {
        if (loader != null) {
            loader.close();
        }
    }

    @Test
    void warnModeReportsEachBlockingCallOnceWithWhatToUseInstead() {
        ClassRewriter.Result r = new ClassRewriter(BlockingCallPolicy.WARN).rewrite(original, loader);
        assertEquals(List.of(), r.refusals());
        List<String> expected = new ArrayList<>(List.of(
                at("threads", "sleep", "java.lang.Thread.sleep", SLEEP),
                at("threads", "wait", "java.lang.Object.wait", WAIT),
                at("threads", "join", "java.lang.Thread.join", JOIN),
                at("threads", "waitFor", "java.lang.Process.waitFor", WAIT_FOR),
                at("futures", "future-get", "java.util.concurrent.Future.get", FUTURE),
                at("futures", "cf-join", "java.util.concurrent.CompletableFuture.join", COMPLETABLE),
                at("futures", "cf-get", "java.util.concurrent.CompletableFuture.get", COMPLETABLE),
                at("locks", "reentrant-lock", "java.util.concurrent.locks.ReentrantLock.lock", LOCK),
                at("locks", "lock-interruptibly", "java.util.concurrent.locks.Lock.lockInterruptibly", LOCK),
                at("locks", "condition-await", "java.util.concurrent.locks.Condition.await", CONDITION),
                at("locks", "latch-await", "java.util.concurrent.CountDownLatch.await", LATCH),
                at("locks", "semaphore-acquire", "java.util.concurrent.Semaphore.acquire", SEMAPHORE),
                at("locks", "linked-take", "java.util.concurrent.LinkedBlockingQueue.take", QUEUE),
                at("locks", "queue-put", "java.util.concurrent.BlockingQueue.put", QUEUE),
                at("streams", "in-read", "java.io.InputStream.read", READ),
                at("streams", "fin-read", "java.io.FileInputStream.read", READ),
                at("streams", "user-stream", "blocking.Blocking$CountingStream.readAllBytes", READ),
                at("streams", "out-write", "java.io.OutputStream.write", WRITE),
                at("network", "new-socket", "new java.net.Socket", CONNECT),
                at("network", "accept", "java.net.ServerSocket.accept", ACCEPT),
                at("network", "connect", "java.net.Socket.connect", CONNECT),
                at("network", "http-send", "java.net.http.HttpClient.send", HTTP),
                at("files", "read-string", "java.nio.file.Files.readString",
                        "await(AsyncFiles.readAllBytes(path)) / await(AsyncFiles.readString(path))"),
                at("files", "files-write", "java.nio.file.Files.write",
                        "await(AsyncFiles.write(path, bytes)) / await(AsyncFiles.writeString(path, text))"),
                at("files", "files-copy", "java.nio.file.Files.copy", "await(AsyncFiles.copy(source, target))"),
                at("files", "files-lines", "java.nio.file.Files.lines", "AsyncFiles.lines(path), an AsyncGenerator<String>"),
                at("files", "files-list", "java.nio.file.Files.list", "AsyncFiles.list(dir), an AsyncGenerator<Path>"),
                at("files", "files-walk", "java.nio.file.Files.walk",
                        "await(toThread(() -> { try (var s = Files.walk(dir)) { return s.toList(); } }))"),
                at("jdbc", "execute-query", "java.sql.Statement.executeQuery", JDBC),
                at("jdbc", "commit", "java.sql.Connection.commit", COMMIT),
                at("jdbc", "execute-update", "java.sql.Statement.executeUpdate", JDBC),
                // javac copies a finally block onto each exit; it is one call site
                at("inFinally", "in-finally", "java.lang.Thread.sleep", SLEEP),
                at(asyncLambda, "async-lambda", "java.lang.Thread.sleep", SLEEP)));
        assertEquals(String.join("\n", expected), String.join("\n", r.blockingCalls()));
        assertEquals("", Verification.checkWithTypes(r.bytes(), loader));
    }

    @Test
    void offModeReportsNothingAndRewritesExactlyAsWarnModeDoes() {
        ClassRewriter.Result off = new ClassRewriter(BlockingCallPolicy.OFF).rewrite(original, loader);
        ClassRewriter.Result warn = new ClassRewriter(BlockingCallPolicy.WARN).rewrite(original, loader);
        assertEquals(List.of(), off.blockingCalls());
        assertEquals(List.of(), off.refusals());
        assertArrayEquals(warn.bytes(), off.bytes(), "the report must not change the rewritten code");
    }

    @Test
    void refuseModeRefusesEachMethodWithABlockingCallAndRewritesTheRest() throws Exception {
        ClassRewriter.Result r = new ClassRewriter(BlockingCallPolicy.REFUSE).rewrite(original, loader);
        assertEquals(List.of(), r.blockingCalls());
        String refused = "; refused under the option blocking=refuse";
        List<String> expected = List.of(
                refusal("threads", "sleep", "java.lang.Thread.sleep", SLEEP) + refused + "; more blocking calls at line "
                        + line("wait") + ", " + line("join") + ", " + line("waitFor"),
                refusal("futures", "future-get", "java.util.concurrent.Future.get", FUTURE) + refused
                        + "; more blocking calls at line " + line("cf-join") + ", " + line("cf-get"),
                refusal("locks", "reentrant-lock", "java.util.concurrent.locks.ReentrantLock.lock", LOCK) + refused
                        + "; more blocking calls at line " + line("lock-interruptibly") + ", " + line("condition-await")
                        + ", " + line("latch-await") + ", " + line("semaphore-acquire") + ", " + line("linked-take")
                        + ", " + line("queue-put"),
                refusal("streams", "in-read", "java.io.InputStream.read", READ) + refused
                        + "; more blocking calls at line " + line("fin-read") + ", " + line("user-stream") + ", "
                        + line("out-write"),
                refusal("network", "new-socket", "new java.net.Socket", CONNECT) + refused
                        + "; more blocking calls at line " + line("accept") + ", " + line("connect") + ", "
                        + line("http-send"),
                refusal("files", "read-string", "java.nio.file.Files.readString",
                        "await(AsyncFiles.readAllBytes(path)) / await(AsyncFiles.readString(path))") + refused
                        + "; more blocking calls at line " + line("files-write") + ", " + line("files-copy") + ", "
                        + line("files-lines") + ", " + line("files-list") + ", " + line("files-walk"),
                refusal("jdbc", "execute-query", "java.sql.Statement.executeQuery", JDBC) + refused
                        + "; more blocking calls at line " + line("commit") + ", " + line("execute-update"),
                refusal("inFinally", "in-finally", "java.lang.Thread.sleep", SLEEP) + refused,
                refusal(asyncLambda, "async-lambda", "java.lang.Thread.sleep", SLEEP) + refused);
        assertEquals(String.join("\n", expected), String.join("\n", r.refusals()));

        // the class loads; a refused method throws its refusal, the others run rewritten
        Class<?> cls = new RewrittenLoader(r.bytes()).loadClass("blocking.Blocking");
        Object blocking = cls.getConstructor().newInstance();
        InvocationTargetException e = assertThrows(InvocationTargetException.class,
                () -> cls.getMethod("inFinally", Object.class).invoke(blocking, new Object()));
        AsyncTransformError error = assertInstanceOf(AsyncTransformError.class, e.getCause());
        assertEquals(expected.get(7), error.getMessage());
        assertEquals("clean", Aw.run((Coroutine<?>) cls.getMethod("clean").invoke(blocking)));
    }

    /** Defines the rewritten Blocking and reads its nested classes from the compiler's output. */
    private static final class RewrittenLoader extends ClassLoader {
        private final byte[] rewritten;

        RewrittenLoader(byte[] rewritten) {
            super(ShapeBlockingCallsTest.class.getClassLoader());
            this.rewritten = rewritten;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            try {
                byte[] b = name.equals("blocking.Blocking") ? rewritten
                        : Files.readAllBytes(dir.resolve("out").resolve(name.replace('.', '/') + ".class"));
                return defineClass(name, b, 0, b.length);
            } catch (java.io.IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }

    private static String at(String method, String marker, String called, String instead) {
        return "blocking.Blocking." + method + " (Blocking.java:" + line(marker) + "): " + called
                + " holds up the event loop's thread; instead: " + instead;
    }

    private static String refusal(String method, String marker, String called, String instead) {
        return "blocking.Blocking." + method + " (Blocking.java:" + line(marker) + "): blocking call: " + called
                + " holds up the event loop's thread; instead: " + instead;
    }

    private static int line(String marker) {
        int found = -1;
        for (int i = 0; i < source.size(); i++) {
            if (source.get(i).contains("// MARK:" + marker + " ") || source.get(i).endsWith("// MARK:" + marker)) {
                if (found > 0) {
                    throw new IllegalStateException(marker + " appears twice");
                }
                found = i + 1;
            }
        }
        if (found < 0) {
            throw new IllegalStateException(marker + " not found");
        }
        return found;
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
