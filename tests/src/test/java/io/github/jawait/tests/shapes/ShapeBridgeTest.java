package io.github.jawait.tests.shapes;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.emit;
import static io.github.jawait.Asyncio.end;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.tests.shapes.Aw.later;
import static io.github.jawait.tests.shapes.Aw.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jawait.Async;
import io.github.jawait.AsyncCloseable;
import io.github.jawait.AsyncGenerator;
import io.github.jawait.Awaitable;
import io.github.jawait.Coroutine;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code @Async} methods that override with a narrower return type or implement a generic
 * interface: javac and ECJ add a synthetic bridge method carrying a copy of {@code @Async},
 * which only delegates and must be left alone (issue 14, bugs 2 and 3).
 */
class ShapeBridgeTest {
    static final List<String> EVENTS = new ArrayList<>();

    /** closeAsync() returns Awaitable in the interface, Coroutine here: a bridge returning Awaitable. */
    static final class Resource implements AsyncCloseable {
        @Async
        @Override
        public Coroutine<Void> closeAsync() {
            EVENTS.add("closing " + await(later("resource")));
            return done();
        }
    }

    interface Source<T> {
        AsyncGenerator<T> items(T prefix);
    }

    /** items(String) implements items(T): a bridge items(Object) that returns AsyncGenerator. */
    static final class Letters implements Source<String> {
        @Async
        @Override
        public AsyncGenerator<String> items(String prefix) {
            for (String s : List.of("a", "b")) {
                emit(prefix + await(later(s)));
            }
            return end();
        }
    }

    interface Producer<T> {
        Coroutine<T> produce(T seed);
    }

    /** A generic coroutine method: the bridge produce(Object) returns Coroutine and has @Async too. */
    static final class Doubler implements Producer<String> {
        @Async
        @Override
        public Coroutine<String> produce(String seed) {
            return result(seed + await(later(seed)));
        }
    }

    @Async
    static Coroutine<Void> useResource() {
        try (Resource r = new Resource()) {
            EVENTS.add("using");
        }
        return done();
    }

    @Async
    static <T> Coroutine<List<T>> collect(Source<T> source, T prefix) {
        List<T> out = new ArrayList<>();
        try (AsyncGenerator<T> g = source.items(prefix)) {
            while (await(g.hasNext())) {
                out.add(g.next());
            }
        }
        return result(out);
    }

    @Async
    static <T> Coroutine<T> produceThrough(Producer<T> p, T seed) {
        return result(await(p.produce(seed)));
    }

    @Test
    void bridgesCarryingAsyncAreLeftAlone() throws Exception {
        int bridges = 0;
        for (Class<?> c : List.of(Resource.class, Letters.class, Doubler.class)) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isBridge()) {
                    bridges++;
                }
            }
        }
        assertEquals(3, bridges);
        EVENTS.clear();
        run(useResource());
        assertEquals(List.of("using", "closing resource"), EVENTS);
        Awaitable<Void> viaInterface = ((AsyncCloseable) new Resource()).closeAsync();
        run(Coroutine.class.cast(viaInterface));
        assertEquals(List.of("using", "closing resource", "closing resource"), EVENTS);
    }

    @Test
    void generatorCalledThroughAGenericInterface() {
        assertEquals(List.of("xa", "xb"), run(collect(new Letters(), "x")));
    }

    @Test
    void coroutineCalledThroughAGenericInterface() {
        assertEquals("yy", run(produceThrough(new Doubler(), "y")));
    }
}
