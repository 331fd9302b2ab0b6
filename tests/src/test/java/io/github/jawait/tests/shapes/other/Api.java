package io.github.jawait.tests.shapes.other;

/** A public method whose return type the caller's package cannot name. */
public final class Api {
    private Api() {
    }

    public static Hidden make(String value) {
        return new Hidden(value);
    }

    public static String describe(Hidden h, String suffix) {
        return h.value + suffix;
    }
}
