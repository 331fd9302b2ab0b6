package io.github.jawait.tests.shapes;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.tests.shapes.Aw.failChecked;
import static io.github.jawait.tests.shapes.Aw.later;
import static io.github.jawait.tests.shapes.Aw.now;
import static io.github.jawait.tests.shapes.Aw.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Async lambdas: lambda bodies returning Coroutine that await (Python's nested async def). */
class ShapeLambdasTest {
    final List<String> events = new ArrayList<>();
    final String name = "me";

    @Test
    void supplierOfCoroutine() {
        Supplier<Coroutine<Integer>> s = () -> {
            await(sleep(1));
            return result(7);
        };
        Coroutine<Integer> c = s.get();
        assertEquals(7, run(c));
    }

    @Test
    void capturesLocalsOfSeveralTypesAndThis() {
        int i = 3;
        long l = 1L << 40;
        double d = 0.25;
        char ch = 'k';
        boolean z = true;
        String str = "s";
        int[] arr = {1, 2};
        Supplier<Coroutine<String>> s = () -> {
            events.add("start");
            long got = await(later(l)) + i;
            arr[0] = await(now(arr[1] * 10));
            await(sleep(0.5));
            events.add("end");
            return result(got + "/" + d + ch + z + str + arr[0] + name + this.name.length());
        };
        assertEquals(List.of(), events);
        assertEquals((l + 3) + "/0.25ktrues20me2", run(s.get()));
        assertEquals(List.of("start", "end"), events);
        // a second call is a fresh coroutine with its own frame
        assertEquals((l + 3) + "/0.25ktrues20me2", run(s.get()));
    }

    @Test
    void lambdaWithParametersAndStaticContext() {
        BiFunction<Integer, String, Coroutine<String>> f = (n, s) -> {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < n; k++) {
                sb.append(await(k % 2 == 0 ? later(s) : now(s.toUpperCase())));
            }
            return result(sb.toString());
        };
        assertEquals("aAaA", run(f.apply(4, "a")));
        assertEquals(11, run(StaticHolder.FN.apply(10)));
    }

    static final class StaticHolder {
        static final Function<Integer, Coroutine<Integer>> FN = x -> result(await(later(x)) + 1);
    }

    @Async
    Coroutine<String> lambdasInsideAsyncMethod(int base) {
        String prefix = await(later("p"));
        Function<Integer, Coroutine<String>> worker = k -> {
            await(sleep(k));
            events.add("worker " + k);
            return result(prefix + (base + k));
        };
        List<Task<String>> tasks = new ArrayList<>();
        for (int k = 3; k >= 1; k--) {
            tasks.add(createTask(worker.apply(k)));
        }
        List<String> all = await(gather(tasks.get(0), tasks.get(1), tasks.get(2)));
        return result(String.join(",", all) + ";" + await(worker.apply(0)));
    }

    @Test
    void asyncLambdasRunAsConcurrentTasks() {
        assertEquals("p13,p12,p11;p10", run(lambdasInsideAsyncMethod(10)));
        assertEquals(List.of("worker 1", "worker 2", "worker 3", "worker 0"), events);
    }

    @Test
    void nestedAsyncLambdas() {
        Function<Integer, Coroutine<Integer>> outer = x -> {
            Function<Integer, Coroutine<Integer>> inner = y -> result(await(later(y * 2)) + x);
            int a = await(inner.apply(x));
            return result(await(inner.apply(a)));
        };
        // inner(5) = 15, inner(15) = 35
        assertEquals(35, run(outer.apply(5)));
    }

    interface CheckedAsync {
        Coroutine<String> call() throws MyCheckedException;
    }

    @Test
    void asyncLambdaFailureLandsInCatch() throws Exception {
        CheckedAsync failing = () -> {
            await(later(0));
            return result(await(failChecked("lambda failed")));
        };
        CheckedAsync catching = () -> {
            try {
                return result(await(failing.call()));
            } catch (MyCheckedException e) {
                return result("caught " + e.getMessage());
            }
        };
        assertEquals("caught lambda failed", run(catching.call()));
        MyCheckedException e = assertThrows(MyCheckedException.class, () -> run(failing.call()));
        assertEquals("lambda failed", e.getMessage());
    }

    @Test
    void lambdaThatDoesNotAwaitIsLeftAlone() {
        Supplier<Coroutine<String>> plain = () -> result("plain");
        assertEquals("plain", run(plain.get()));
    }
}
