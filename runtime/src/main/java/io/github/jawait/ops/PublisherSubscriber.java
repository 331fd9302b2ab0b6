package io.github.jawait.ops;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.emit;
import static io.github.jawait.Asyncio.end;

import io.github.jawait.Async;
import io.github.jawait.AsyncGenerator;
import io.github.jawait.EventLoop;
import io.github.jawait.Waiter;
import io.github.jawait.core.Sneaky;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;

/**
 * A {@link Flow.Publisher} consumed as an async generator: requests at most {@code buffer}
 * items ahead, refills when half is consumed, and moves every signal onto the loop thread
 * through its inbox. Stopping early cancels the subscription.
 */
final class PublisherSubscriber<T> implements Flow.Subscriber<T> {
    private final EventLoop loop;
    private final int buffer;
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private Flow.Subscription subscription;
    private long outstanding;
    private boolean completed;
    private Throwable error;
    private Waiter<Void> waiting;

    PublisherSubscriber(EventLoop loop, int buffer) {
        this.loop = loop;
        this.buffer = buffer;
    }

    AsyncGenerator<T> subscribeTo(Flow.Publisher<? extends T> publisher) {
        publisher.subscribe(this);
        return generate();
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        loop.callSoonThreadsafe(() -> {
            if (subscription != null) {
                s.cancel(); // rule 2.5: one subscription at a time
                return;
            }
            subscription = s;
            refill();
        });
    }

    @Override
    public void onNext(T item) {
        loop.callSoonThreadsafe(() -> {
            items.add(item);
            outstanding--;
            wakeUp();
        });
    }

    @Override
    public void onError(Throwable t) {
        loop.callSoonThreadsafe(() -> {
            error = t;
            wakeUp();
        });
    }

    @Override
    public void onComplete() {
        loop.callSoonThreadsafe(() -> {
            completed = true;
            wakeUp();
        });
    }

    private void wakeUp() {
        if (waiting != null) {
            waiting.wake(null);
            waiting = null;
        }
    }

    private void refill() {
        long room = buffer - outstanding - items.size();
        if (subscription != null && !completed && error == null && room * 2 >= buffer) {
            outstanding += room;
            subscription.request(room);
        }
    }

    @Async
    AsyncGenerator<T> generate() {
        boolean finished = false;
        try {
            while (true) {
                T item = items.poll();
                if (item != null) {
                    refill();
                    emit(item);
                    continue;
                }
                if (error != null) {
                    finished = true;
                    throw Sneaky.rethrow(error);
                }
                if (completed) {
                    finished = true;
                    break;
                }
                waiting = new Waiter<>(null);
                await(waiting);
            }
        } finally {
            if (!finished && subscription != null) {
                subscription.cancel();
            }
        }
        return end();
    }
}
