package io.github.jawait.ops;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;

import io.github.jawait.Async;
import io.github.jawait.AsyncGenerator;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Task;
import io.github.jawait.Waiter;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An async generator as a {@link Flow.Publisher}: a task on the generator's loop pulls one
 * value per unit of demand; {@code request} and {@code cancel} may come from any thread and
 * are handed to the loop through its inbox. One subscriber, as a generator has one consumer.
 */
final class GeneratorPublisher<T> implements Flow.Publisher<T> {
    private final AsyncGenerator<T> source;
    private final EventLoop loop;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    GeneratorPublisher(AsyncGenerator<T> source, EventLoop loop) {
        this.source = source;
        this.loop = loop;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IllegalStateException("this publisher wraps an async generator and"
                    + " accepts a single subscriber"));
            return;
        }
        Pump pump = new Pump(subscriber);
        subscriber.onSubscribe(pump);
        loop.callSoonThreadsafe(pump::start);
    }

    /** The subscription, and the task that serves it (loop thread only, but for the inbox posts). */
    private final class Pump implements Flow.Subscription {
        private final Flow.Subscriber<? super T> subscriber;
        private long demand;
        private boolean cancelled;
        private Waiter<Void> idle;
        private Task<Void> task;

        Pump(Flow.Subscriber<? super T> subscriber) {
            this.subscriber = subscriber;
        }

        void start() {
            if (!cancelled) {
                task = loop.createTask(run(), "publisher " + source);
            }
        }

        @Override
        public void request(long n) {
            loop.callSoonThreadsafe(() -> {
                if (n <= 0) {
                    cancelled = true;
                    subscriber.onError(new IllegalArgumentException("request(" + n + "): rule 3.9 of"
                            + " reactive streams wants a positive demand"));
                    stop();
                    return;
                }
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                wakeUp();
            });
        }

        @Override
        public void cancel() {
            loop.callSoonThreadsafe(() -> {
                cancelled = true;
                stop();
            });
        }

        private void stop() {
            if (task != null) {
                task.cancel();
            }
        }

        private void wakeUp() {
            if (idle != null) {
                idle.wake(null);
                idle = null;
            }
        }

        @Async
        Coroutine<Void> run() {
            try {
                while (!cancelled) {
                    if (demand == 0) {
                        idle = new Waiter<>(null);
                        await(idle);
                        continue;
                    }
                    if (!await(source.hasNext())) {
                        subscriber.onComplete();
                        break;
                    }
                    demand--;
                    subscriber.onNext(source.next());
                }
            } catch (CancelledError e) {
                cancelled = true; // the subscriber cancelled: no more signals
            } catch (Throwable t) {
                subscriber.onError(t);
            } finally {
                await(source.closeAsync());
            }
            return done();
        }
    }
}
