package io.github.jawait.fuzz.ref;

/** Thrown at the paused {@code emit} of a generator being closed, as {@code io.github.jawait.GeneratorExit}. */
public class GeneratorExit extends Error {
    public GeneratorExit() {
        super("async generator closed");
    }
}
