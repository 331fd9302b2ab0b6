package io.github.jawait.tests.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jawait.Coroutine;
import io.github.jawait.tests.TestLoop;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import org.junit.jupiter.api.Test;

/**
 * Classes defined by a loader whose {@code getResource} finds nothing, as plugin systems, some
 * test runners and application servers do; the agent (on this JVM's command line) cannot read
 * their supertypes' class files (issue 14, bug 5). Methods it does not rewrite keep the
 * compiler's frames and load; rewritten ones take the types the agent cannot read from the
 * compiler's stack map frames.
 */
class ShapeClassLoaderTest {
    /** The fixtures' package, renamed (same length) so that no other loader can find them. */
    static final String FROM = "io/github/jawait/tests/shapes/plugin/";
    static final String TO = "io/github/jawait/tests/shapes/hidden/";

    /** Child-first for the renamed package, from bytes; serves no resources at all. */
    static final class NoResourcesLoader extends ClassLoader {
        NoResourcesLoader() {
            super(ShapeClassLoaderTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            String internal = name.replace('.', '/');
            if (!internal.startsWith(TO)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    byte[] b = renamed(FROM + internal.substring(TO.length()) + ".class");
                    c = defineClass(name, b, 0, b.length); // the agent transforms it here
                }
                return c;
            }
        }

        @Override
        public URL getResource(String name) {
            return null;
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            return null;
        }

        @Override
        public Enumeration<URL> getResources(String name) {
            return Collections.emptyEnumeration();
        }
    }

    /** The fixture's class file with its package name replaced in the constant pool. */
    static byte[] renamed(String resource) {
        try (InputStream in = ShapeClassLoaderTest.class.getClassLoader().getResourceAsStream(resource)) {
            byte[] b = in.readAllBytes();
            byte[] from = FROM.getBytes(StandardCharsets.US_ASCII);
            byte[] to = TO.getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i + from.length <= b.length; i++) {
                boolean match = true;
                for (int j = 0; j < from.length && match; j++) {
                    match = b[i + j] == from[j];
                }
                if (match) {
                    System.arraycopy(to, 0, b, i, to.length);
                }
            }
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Object call(Class<?> c, String method, boolean arg) throws Throwable {
        Method m = c.getMethod(method, boolean.class);
        try {
            return m.invoke(null, arg);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void methodsOfAClassFromALoaderWithoutResourcesLoadAndRun() throws Throwable {
        Class<?> plugin = new NoResourcesLoader().loadClass(TO.replace('/', '.') + "Plugin");
        assertEquals("a", call(plugin, "choose", true));
        assertEquals("b", call(plugin, "choose", false));
        assertEquals("fetched b a", TestLoop.run((Coroutine<?>) call(plugin, "fetch", false)));
        // javac's stack map frames give the types the class files would have
        assertEquals("b", TestLoop.run((Coroutine<?>) call(plugin, "chooseLater", false)));
        assertEquals("a!", TestLoop.run((Coroutine<?>) call(plugin, "scoped", true)));
    }
}
