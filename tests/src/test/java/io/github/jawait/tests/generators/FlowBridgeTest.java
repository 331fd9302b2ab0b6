package io.github.jawait.tests.generators;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.emit;
import static io.github.jawait.Asyncio.end;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.AsyncGenerator;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** java.util.concurrent.Flow bridges in both directions, with threads on the other side. */
class FlowBridgeTest {
    final List<String> produced = Collections.synchronizedList(new ArrayList<>());

    @Async
    AsyncGenerator<Integer> numbers(int n) {
        for (int i = 0; i < n; i++) {
            await(sleep(0.001));
            produced.add("made " + i);
            emit(i);
        }
        return end();
    }

    /** A subscriber on another thread that requests one item at a time. */
    static final class OneByOne implements Flow.Subscriber<Integer> {
        final List<Integer> got = Collections.synchronizedList(new ArrayList<>());
        final CompletableFuture<List<Integer>> done = new CompletableFuture<>();
        final AtomicInteger maxAhead = new AtomicInteger();
        Flow.Subscription s;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            this.s = s;
            new Thread(() -> s.request(1), "requester").start();
        }

        @Override
        public void onNext(Integer item) {
            got.add(item);
            new Thread(() -> s.request(1), "requester").start();
        }

        @Override
        public void onError(Throwable t) {
            done.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            done.complete(List.copyOf(got));
        }
    }

    @Async
    Coroutine<List<Integer>> publish() {
        OneByOne sub = new OneByOne();
        numbers(5).toPublisher().subscribe(sub);
        List<Integer> got = await(sub.done);
        return result(got);
    }

    @Test
    void aGeneratorAsAPublisherHonoursRequestFromOtherThreads() {
        assertEquals(List.of(0, 1, 2, 3, 4), Asyncio.run(publish()));
        assertEquals(List.of("made 0", "made 1", "made 2", "made 3", "made 4"), produced);
    }

    @Async
    Coroutine<List<Integer>> consume(SubmissionPublisher<Integer> pub, int count) {
        AsyncGenerator<Integer> g = AsyncGenerator.from(pub, 4);
        Thread producer = new Thread(() -> {
            for (int i = 0; i < count; i++) {
                pub.submit(i); // blocks when the subscriber's window is full
            }
            pub.close();
        }, "producer");
        producer.start();
        List<Integer> out = await(g.toList());
        return result(out);
    }

    @Test
    void aPublisherConsumedAsAnAsyncGeneratorWithBoundedBuffering() {
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            expected.add(i);
        }
        try (SubmissionPublisher<Integer> pub = new SubmissionPublisher<>()) {
            assertEquals(expected, Asyncio.run(consume(pub, 1000)));
        }
    }

    @Async
    Coroutine<String> stopEarly(SubmissionPublisher<Integer> pub) {
        AsyncGenerator<Integer> g = AsyncGenerator.from(pub, 2);
        new Thread(() -> {
            for (int i = 0; i < 100 && !pub.isClosed(); i++) {
                pub.submit(i);
            }
        }, "producer").start();
        List<Integer> first = await(g.take(3).toList());
        for (int i = 0; i < 200 && pub.getNumberOfSubscribers() > 0; i++) {
            await(sleep(0.01));
        }
        return result(first + " subscribers=" + pub.getNumberOfSubscribers());
    }

    @Test
    void stoppingEarlyCancelsTheSubscription() {
        try (SubmissionPublisher<Integer> pub = new SubmissionPublisher<>()) {
            String r = Asyncio.run(stopEarly(pub));
            assertTrue(r.equals("[0, 1, 2] subscribers=0"), r);
        }
    }
}
