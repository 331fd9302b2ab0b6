package io.github.jawait.fuzz.ref;

import static io.github.jawait.fuzz.ref.Asyncio.await;
import static io.github.jawait.fuzz.ref.Asyncio.emit;
import static io.github.jawait.fuzz.ref.Asyncio.end;
import static io.github.jawait.fuzz.ref.Asyncio.generator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reference generator must mean what an async generator means on the loop, or the fuzzer
 * compares against the wrong thing: its body runs only when pulled, stops at each emit, reports
 * its exception at the pull, and meets {@code GeneratorExit} at the paused emit when closed early.
 */
class ThreadGeneratorTest {
    private final List<String> trace = new ArrayList<>();

    private AsyncGenerator<Integer> counting(int n, boolean failAtEnd) {
        return generator(() -> {
            trace.add("start");
            try {
                for (int i = 0; i < n; i++) {
                    emit(i);
                    trace.add("resumed " + i);
                }
                if (failAtEnd) {
                    throw new IllegalArgumentException("at the end");
                }
            } finally {
                trace.add("finally");
            }
            return end();
        });
    }

    @Test
    void theBodyRunsOnlyWhenPulledAndStopsAtEachEmit() {
        AsyncGenerator<Integer> g = counting(2, false);
        trace.add("made");
        while (await(g.hasNext())) {
            trace.add("got " + g.next());
        }
        assertFalse(await(g.hasNext()));
        await(g.closeAsync());
        assertEquals(List.of("made", "start", "got 0", "resumed 0", "got 1", "resumed 1", "finally"), trace);
    }

    @Test
    void theFailureReachesThePullAfterTheValuesBeforeIt() {
        AsyncGenerator<Integer> g = counting(1, true);
        assertTrue(await(g.hasNext()));
        assertEquals(0, g.next());
        Awaitable<Boolean> failed = g.hasNext();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> await(failed));
        assertEquals("at the end", e.getMessage());
        assertEquals(List.of("start", "resumed 0", "finally"), trace);
        assertFalse(await(g.hasNext()));
    }

    @Test
    void closingAtAnEmitRunsTheFinallyAndClosingUnstartedRunsNothing() {
        AsyncGenerator<Integer> g = counting(5, false);
        assertTrue(await(g.hasNext()));
        await(g.closeAsync());
        assertEquals(List.of("start", "finally"), trace);
        assertFalse(await(g.hasNext()));
        AsyncGenerator<Integer> never = counting(5, false);
        await(never.closeAsync());
        assertFalse(await(never.hasNext()));
        assertEquals(List.of("start", "finally"), trace);
    }

    @Test
    void emitOutsideAGeneratorIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> emit(1));
        assertEquals("emit() outside a generator body", e.getMessage());
    }
}
