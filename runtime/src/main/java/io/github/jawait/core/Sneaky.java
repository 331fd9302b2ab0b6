package io.github.jawait.core;

/** Rethrows any throwable as it is, checked or not: await must not wrap failures. */
public final class Sneaky {
    private Sneaky() {
    }

    @SuppressWarnings("unchecked")
    public static <E extends Throwable> RuntimeException rethrow(Throwable t) throws E {
        throw (E) t;
    }
}
