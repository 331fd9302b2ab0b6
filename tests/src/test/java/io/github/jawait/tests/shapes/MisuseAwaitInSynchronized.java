package io.github.jawait.tests.shapes;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.emit;
import static io.github.jawait.Asyncio.end;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.AsyncGenerator;
import io.github.jawait.Coroutine;

/** Refused: await while holding a monitor. Its other method must still work. */
class MisuseAwaitInSynchronized {
    private final Object lock = new Object();

    @Async
    Coroutine<Void> awaitHoldingLock() {
        synchronized (lock) {
            await(sleep(1)); // MARK:await-in-synchronized
        }
        return done();
    }

    @Async
    AsyncGenerator<Integer> emitHoldingLock() {
        synchronized (lock) {
            emit(1); // MARK:emit-in-synchronized
        }
        return end();
    }

    @Async
    Coroutine<String> fine() {
        synchronized (lock) {
            lock.notifyAll(); // a synchronized block without an await is fine
        }
        await(sleep(1));
        return result("fine");
    }
}
