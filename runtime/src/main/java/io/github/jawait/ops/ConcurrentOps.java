package io.github.jawait.ops;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.emit;
import static io.github.jawait.Asyncio.end;
import static io.github.jawait.Asyncio.gatherSettled;

import io.github.jawait.Async;
import io.github.jawait.AsyncGenerator;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import io.github.jawait.core.Sneaky;
import io.github.jawait.sync.Queue;
import io.github.jawait.sync.Semaphore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The {@link AsyncGenerator} operators that run producers concurrently with the consumer:
 * {@code buffer}, {@code merge}, {@code flatMap}. Each producer is a <em>pump</em> task that
 * pulls from an upstream generator and sends signals (values, its end, its failure) into one
 * unbounded queue; a {@link Semaphore} of credits bounds how far the pumps run ahead. The
 * returned generator drains the queue. Whatever way it ends (exhausted, failed, closed early by
 * {@code aclose}, its consumer cancelled), it cancels the pumps and waits for them, and each
 * pump's try-with-resources closes its upstream generator: closing reaches the producers.
 * Written as {@code @Async} code (the agent rewrites this package like user code).
 */
final class ConcurrentOps {
    private ConcurrentOps() {
    }

    /** A pump's end of stream. */
    private static final Object END = new Object() {
        @Override
        public String toString() {
            return "END";
        }
    };

    /** A pump's failure: the drain rethrows it as it is. */
    private record Failure(Throwable error) {
    }

    static <T> AsyncGenerator<T> buffer(AsyncGenerator<T> source, int n) {
        return relay(n, 1, (signals, credit) -> List.of(createTask(pump(source, signals, credit), "buffer-pump")));
    }

    static <T> AsyncGenerator<T> merge(List<? extends AsyncGenerator<? extends T>> sources) {
        // one value in flight per source
        return relay(Math.max(1, sources.size()), sources.size(), (signals, credit) -> {
            List<Task<Void>> pumps = new ArrayList<>();
            for (AsyncGenerator<? extends T> s : sources) {
                pumps.add(createTask(pump(s, signals, credit), "merge-pump"));
            }
            return pumps;
        });
    }

    static <T, R> AsyncGenerator<R> flatMap(AsyncGenerator<T> source,
            Function<? super T, ? extends AsyncGenerator<? extends R>> fn, int concurrency) {
        return relay(concurrency, 1, (signals, credit) -> List.of(
                createTask(outerPump(source, fn, concurrency, signals, credit), "flatMap-pump")));
    }

    /**
     * The generator the operators return: when first pulled it starts the pumps ({@code start},
     * given the signal queue and a semaphore of {@code credits}), then emits their values until
     * {@code ends} pumps have sent END, rethrows the first failure, and on every exit stops the
     * pumps (which closes their sources).
     */
    @Async
    private static <T> AsyncGenerator<T> relay(int credits, int ends,
            BiFunction<Queue<Object>, Semaphore, List<Task<Void>>> start) {
        Queue<Object> signals = new Queue<>();
        Semaphore credit = new Semaphore(credits);
        List<Task<Void>> pumps = start.apply(signals, credit);
        try {
            int ended = 0;
            while (ended < ends) {
                Object s = await(signals.get());
                if (s == END) {
                    ended++;
                } else if (s instanceof Failure f) {
                    throw Sneaky.rethrow(f.error());
                } else {
                    credit.release(); // taken by the consumer: its pump may produce one more
                    emit(uncheckedCast(s));
                }
            }
        } finally {
            await(stop(pumps));
        }
        return end();
    }

    /**
     * Pulls {@code source} dry into {@code signals}, taking one credit per value before asking
     * for it; sends END, or the failure. Its try-with-resources closes the source on every exit,
     * its cancellation included.
     */
    @Async
    private static <T> Coroutine<Void> pump(AsyncGenerator<? extends T> source, Queue<Object> signals, Semaphore credit) {
        try (source) {
            while (true) {
                await(credit.acquire());
                if (!await(source.hasNext())) {
                    credit.release();
                    break;
                }
                signals.putNowait(source.next());
            }
            signals.putNowait(END);
        } catch (CancelledError c) {
            throw c;
        } catch (Throwable t) {
            signals.putNowait(new Failure(t));
        }
        return done();
    }

    /**
     * flatMap's producer: for each outer value, once fewer than {@code concurrency} inner
     * generators run, starts a pump for {@code fn(value)}; sends END when the outer source and
     * every inner generator are done. Cancelled, it cancels the inner pumps and waits for them.
     */
    @Async
    private static <T, R> Coroutine<Void> outerPump(AsyncGenerator<T> source,
            Function<? super T, ? extends AsyncGenerator<? extends R>> fn, int concurrency,
            Queue<Object> signals, Semaphore credit) {
        Semaphore slots = new Semaphore(concurrency);
        List<Task<Void>> inner = new ArrayList<>();
        Queue<Object> innerSignals = new Queue<>();
        try (source) {
            while (true) {
                await(slots.acquire());
                if (!await(source.hasNext())) {
                    break;
                }
                AsyncGenerator<? extends R> g = fn.apply(source.next());
                inner.add(createTask(innerPump(g, signals, credit, slots), "flatMap-inner"));
            }
            await(gatherSettled(inner));
            signals.putNowait(END); // after an inner failure, which the drain reads first and stops at
        } catch (CancelledError c) {
            throw c;
        } catch (Throwable t) {
            signals.putNowait(new Failure(t));
        } finally {
            await(stop(inner));
        }
        return done();
    }

    @Async
    private static <R> Coroutine<Void> innerPump(AsyncGenerator<? extends R> g, Queue<Object> signals,
            Semaphore credit, Semaphore slots) {
        try (g) {
            while (true) {
                await(credit.acquire());
                if (!await(g.hasNext())) {
                    credit.release();
                    break;
                }
                signals.putNowait(g.next());
            }
        } catch (CancelledError c) {
            throw c;
        } catch (Throwable t) {
            signals.putNowait(new Failure(t));
        } finally {
            slots.release();
        }
        return done();
    }

    /** Cancels the pumps still running and waits until their finally blocks have closed their sources. */
    @Async
    private static Coroutine<Void> stop(List<Task<Void>> pumps) {
        for (Task<Void> p : pumps) {
            p.cancel();
        }
        await(gatherSettled(pumps));
        return done();
    }

    @SuppressWarnings("unchecked")
    private static <T> T uncheckedCast(Object o) {
        return (T) o;
    }
}
