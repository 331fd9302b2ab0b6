package io.github.jawait.core;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MutableCallSite;

/**
 * A process-wide on/off that compiled code reads as a constant: the diagnostics (debug mode,
 * flight recording) are tested on every task and turn, and must cost nothing while off.
 *
 * <p>The value is the target of a {@link MutableCallSite}; the JIT folds a call through its
 * {@link #reader} to the constant it returns and records a dependency, so flipping the switch
 * deoptimizes the code that folded it and the next execution sees the new value, on every
 * thread. The owner keeps the reader in a {@code static final} field (only those are constants
 * to the JIT) and reads it with {@code (boolean) READER.invokeExact()}.
 */
public final class ConstantSwitch {
    private final MutableCallSite site;
    /** Returns the current value; held by the owner in a static final field. */
    public final MethodHandle reader;
    private boolean value;

    public ConstantSwitch(boolean initial) {
        value = initial;
        site = new MutableCallSite(MethodHandles.constant(boolean.class, initial));
        reader = site.dynamicInvoker();
    }

    /** Sets the value; code compiled with the old one is deoptimized before it runs again. */
    public synchronized void set(boolean on) {
        if (on != value) {
            value = on;
            site.setTarget(MethodHandles.constant(boolean.class, on));
            MutableCallSite.syncAll(new MutableCallSite[] {site});
        }
    }

    /** Reads {@code reader}, which returns a boolean and throws nothing. */
    public static boolean read(MethodHandle reader) {
        try {
            return (boolean) reader.invokeExact();
        } catch (Throwable impossible) {
            throw new AssertionError(impossible);
        }
    }
}
