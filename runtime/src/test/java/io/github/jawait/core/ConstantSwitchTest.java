package io.github.jawait.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandle;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ConstantSwitchTest {
    private static final ConstantSwitch SWITCH = new ConstantSwitch(false);
    private static final MethodHandle ON = SWITCH.reader;

    private static final ConstantSwitch STARTS_ON = new ConstantSwitch(true);
    private static final MethodHandle STARTS_ON_READER = STARTS_ON.reader;

    @Test
    void readsTheValueItWasSetTo() {
        assertTrue(ConstantSwitch.read(STARTS_ON_READER));
        STARTS_ON.set(false);
        assertFalse(ConstantSwitch.read(STARTS_ON_READER));
        STARTS_ON.set(false); // unchanged: no new target
        assertFalse(ConstantSwitch.read(STARTS_ON_READER));
        STARTS_ON.set(true);
        assertTrue(ConstantSwitch.read(STARTS_ON_READER));
    }

    /** Spins until the switch is on; compiled, the read is a constant that the flip must deoptimize. */
    private static long spinWhileOff() {
        long spins = 0;
        while (!ConstantSwitch.read(ON)) {
            spins++;
        }
        return spins;
    }

    @Test
    void aHotLoopOnAnotherThreadSeesTheFlip() throws Exception {
        // warm the reader up in a loop of its own, so that it is compiled with the constant false
        long offReads = 0;
        for (int i = 0; i < 2_000_000; i++) {
            if (!ConstantSwitch.read(ON)) {
                offReads++;
            }
        }
        assertEquals(2_000_000, offReads);
        CountDownLatch spinning = new CountDownLatch(1);
        long[] spins = {-1};
        Thread spinner = new Thread(() -> {
            spinning.countDown();
            spins[0] = spinWhileOff();
        });
        spinner.start();
        spinning.await();
        Thread.onSpinWait();
        SWITCH.set(true);
        // a switch read as a plain field could be hoisted out of the loop and spin forever
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> spinner.join());
        assertTrue(spins[0] >= 0);
        assertTrue(ConstantSwitch.read(ON));
    }
}
