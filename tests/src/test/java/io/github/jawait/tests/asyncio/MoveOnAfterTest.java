package io.github.jawait.tests.asyncio;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.moveOnAfter;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.Timeout;
import io.github.jawait.tests.TestLoop;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** trio's move_on_after: a deadline that ends the block quietly. */
class MoveOnAfterTest {
    final Recorder rec = new Recorder();

    @Async
    Coroutine<String> slow(double seconds) {
        try {
            await(sleep(seconds));
            return result("fresh");
        } finally {
            rec.add("cleanup");
        }
    }

    @Async
    Coroutine<String> movesOn(double work) {
        Timeout[] scope = new Timeout[1];
        String r = await(moveOnAfter(Duration.ofSeconds(1), t -> {
            scope[0] = t;
            return slow(work);
        }));
        rec.add("got " + r + ", expired=" + scope[0].expired());
        return result(r);
    }

    @Test
    void theDeadlineCutsTheBlockShortAndYieldsNull() {
        assertNull(TestLoop.run(movesOn(5)));
        assertEquals(java.util.List.of("cleanup @1.0", "got null, expired=true @1.0"), rec.events);
    }

    @Test
    void aBlockThatFinishesInTimeYieldsItsValue() {
        assertEquals("fresh", TestLoop.run(movesOn(0.5)));
        assertEquals(java.util.List.of("cleanup @0.5", "got fresh, expired=false @0.5"), rec.events);
    }

    @Async
    Coroutine<String> cancelledFromOutside() {
        Task<String> t = createTask(movesOn(5));
        await(sleep(0.5));
        t.cancel();
        try {
            await(t);
            return result("swallowed");
        } catch (CancelledError e) {
            return result("cancelled, t.cancelled()=" + t.cancelled());
        }
    }

    @Test
    void aCancellationFromOutsideStillPropagates() {
        assertEquals("cancelled, t.cancelled()=true", TestLoop.run(cancelledFromOutside()));
        assertFalse(rec.events.stream().anyMatch(e -> e.startsWith("got")));
        assertTrue(rec.events.contains("cleanup @0.5"));
    }
}
