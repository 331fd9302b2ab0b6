package io.github.jawait.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.fuzz.Src.Program;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The minimizer's time budget (issue 14: a failing CI job must not hang): no candidate starts
 * after the deadline, however slow each run is (a timing-out program costs a whole
 * {@code fuzz.timeout} per candidate). The "runs" here are a predicate, no compiler involved.
 */
class MinimizerBudgetTest {

    @Test
    void aSpentBudgetTriesNothingAndKeepsTheProgram() {
        Program p = ProgramGenerator.generate(5);
        AtomicInteger runs = new AtomicInteger();
        Minimizer m = new Minimizer(src -> runs.incrementAndGet() > 0, 400, System.nanoTime() - 1);
        Program min = m.minimize(p);
        assertEquals(0, runs.get());
        assertEquals(0, m.tries());
        assertTrue(m.outOfTime());
        assertEquals(p.render(), min.render());
    }

    @Test
    void slowCandidatesStopAtTheDeadline() {
        Program p = ProgramGenerator.generate(5);
        AtomicInteger runs = new AtomicInteger();
        long start = System.nanoTime();
        // every candidate "still fails" after 100 ms: without the budget this would try up to 400 of them
        Minimizer m = new Minimizer(src -> {
            runs.incrementAndGet();
            sleep(100);
            return true;
        }, 400, start + TimeUnit.SECONDS.toNanos(1));
        Program min = m.minimize(p);
        assertTrue(m.outOfTime());
        // each run takes at least 100 ms: at most 10 end within the second and one more may begin
        assertTrue(runs.get() <= 11, runs + " runs");
        assertEquals(runs.get(), m.tries());
        if (runs.get() > 0) {
            assertTrue(min.render().length() < p.render().length(), "the edits accepted before the deadline are kept");
        }
    }

    @Test
    void withoutADeadlineTheTriesBoundIt() {
        Program p = ProgramGenerator.generate(5);
        Minimizer m = new Minimizer(src -> false, 3);
        m.minimize(p);
        assertEquals(3, m.tries());
        assertFalse(m.outOfTime());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
