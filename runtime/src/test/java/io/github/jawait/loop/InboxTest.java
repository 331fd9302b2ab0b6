package io.github.jawait.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The inbox's close protocol: what a loop that closes does with the messages posted to it. */
class InboxTest {

    @Test
    void closeReturnsTheHandoffsAndDropsTheRest() {
        Inbox inbox = new Inbox(Thread.currentThread());
        List<String> ran = new ArrayList<>();
        inbox.post(() -> ran.add("plain"));
        Inbox.Handoff h = () -> ran.add("handoff");
        inbox.post(h);
        List<Inbox.Handoff> left = inbox.close();
        assertEquals(List.of(h), left);
        assertTrue(inbox.isEmpty());
        assertEquals(List.of(), ran); // close only hands them back; the loop runs them
    }

    @Test
    void aPostAfterCloseIsRefused() {
        Inbox inbox = new Inbox(Thread.currentThread());
        inbox.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> inbox.post(() -> { }));
        assertEquals("event loop is closed", e.getMessage());
        assertTrue(inbox.isEmpty());
    }

    static void posted(int n) {
    }

    @Test
    void aHandoffRacingWithCloseIsEitherReturnedOrRefusedNeverLost() throws Exception {
        raceWithClose(false);
    }

    /** The same object posted by two threads at once (a shared callback) is counted twice. */
    @Test
    void oneSharedMessagePostedByTwoThreadsRacingWithCloseIsNeverLost() throws Exception {
        raceWithClose(true);
    }

    private static void raceWithClose(boolean shared) throws Exception {
        Inbox.Handoff one = () -> posted(-1);
        for (int round = 0; round < 500; round++) {
            Inbox inbox = new Inbox(Thread.currentThread());
            int posters = 2;
            int each = 200;
            AtomicInteger refused = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < posters; p++) {
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < each; i++) {
                        int n = i;
                        try {
                            inbox.post(shared ? one : (Inbox.Handoff) () -> posted(n));
                        } catch (IllegalStateException closed) {
                            refused.incrementAndGet();
                        }
                    }
                });
                t.start();
                threads.add(t);
            }
            go.countDown();
            ReadyQueue ready = new ReadyQueue();
            inbox.drainTo(ready); // some are taken by a turn before the close
            int drained = ready.size();
            int returned = inbox.close().size();
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(posters * each, drained + returned + refused.get(), "round " + round);
        }
    }
}
