package io.github.jawait;

/**
 * Thrown into an async generator at its pending {@code emit} when it is closed early
 * ({@link AsyncGenerator#closeAsync()}), so that its {@code finally} blocks run; Python's
 * {@code GeneratorExit}. An {@code Error}, so {@code catch (Exception e)} lets it pass.
 */
public class GeneratorExit extends Error {
    private static final long serialVersionUID = 1L;

    public GeneratorExit() {
        super("async generator closed");
    }
}
