package io.github.jawait.tests.shapes;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.tests.shapes.Aw.later;
import static io.github.jawait.tests.shapes.Aw.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code new Foo(await(x))}: the allocation moves after the arguments, but Java's order of
 * side effects stays: Foo's static initializer runs before the arguments are evaluated
 * (JLS 15.9.4; issue 14, bug 6).
 */
class ShapeNewOrderTest {
    static final List<String> EVENTS = new ArrayList<>();

    static final class Initialized {
        static {
            EVENTS.add("Initialized.<clinit>");
        }

        final int value;

        Initialized(int value) {
            this.value = value;
            EVENTS.add("Initialized(" + value + ")");
        }
    }

    static class Base {
        static {
            EVENTS.add("Base.<clinit>");
        }
    }

    /** No initializer of its own: initializing it initializes its superclass. */
    static final class Derived extends Base {
        final String s;

        Derived(String s, int n) {
            this.s = s + n;
            EVENTS.add("Derived(" + this.s + ")");
        }
    }

    static final class Failing {
        static {
            EVENTS.add("Failing.<clinit>");
            if (EVENTS.size() > 0) {
                throw new IllegalStateException("cannot initialize");
            }
        }

        Failing(int unused) {
        }
    }

    static Coroutine<Integer> argument(int v) {
        EVENTS.add("argument " + v);
        return later(v);
    }

    @Async
    static Coroutine<Integer> newInitialized() {
        return result(new Initialized(await(argument(1))).value);
    }

    @Async
    static Coroutine<String> newDerived() {
        return result(new Derived("d", await(argument(2))).s);
    }

    @Async
    static Coroutine<String> newFailing() {
        try {
            new Failing(await(argument(3)));
            return result("constructed");
        } catch (ExceptionInInitializerError e) {
            return result("ExceptionInInitializerError " + e.getCause().getMessage());
        }
    }

    @Test
    void theClassIsInitializedBeforeTheArgumentsAreEvaluated() {
        EVENTS.clear();
        assertEquals(1, run(newInitialized()));
        assertEquals(1, run(newInitialized()));
        assertEquals(List.of("Initialized.<clinit>", "argument 1", "Initialized(1)", "argument 1", "Initialized(1)"),
                EVENTS);
    }

    @Test
    void initializingTheClassInitializesItsSuperclassFirst() {
        EVENTS.clear();
        assertEquals("d2", run(newDerived()));
        assertEquals(List.of("Base.<clinit>", "argument 2", "Derived(d2)"), EVENTS);
    }

    @Test
    void aFailingInitializerThrowsBeforeTheArgumentsAreEvaluated() {
        EVENTS.clear();
        assertEquals("ExceptionInInitializerError cannot initialize", run(newFailing()));
        assertEquals(List.of("Failing.<clinit>"), EVENTS);
        assertThrows(NoClassDefFoundError.class, () -> run(newFailing()));
    }
}
