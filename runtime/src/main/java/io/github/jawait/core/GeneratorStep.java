package io.github.jawait.core;

import io.github.jawait.Awaitable;
import io.github.jawait.Task;

/**
 * What a consumer awaits on a generator: {@code hasNext()} (a NEXT step) or
 * {@code closeAsync()} (a CLOSE step). Awaiting one makes the generator's frame the innermost
 * frame of the consumer's task, so the generator runs inline, as Python's async generators do.
 * Each generator reuses its two steps: no allocation per value.
 */
final class GeneratorStep implements Awaitable<Object>, Suspendable {
    final FrameGenerator<?> generator;
    final boolean close;

    GeneratorStep(FrameGenerator<?> generator, boolean close) {
        this.generator = generator;
        this.close = close;
    }

    @Override
    public boolean isDone() {
        return generator.stepDone(this);
    }

    @Override
    public Object outcome() {
        return generator.stepOutcome(this);
    }

    @Override
    public void park(Task<?> waiter) {
        throw new IllegalStateException("a generator step is run by its consumer's task, never parked on");
    }

    @Override
    public void unpark(Task<?> waiter) {
    }

    @Override
    public String toString() {
        return (close ? "closeAsync(" : "hasNext(") + generator + ")";
    }
}
