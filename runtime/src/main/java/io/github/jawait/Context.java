package io.github.jawait;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A set of {@link ContextVar} values, Python's {@code contextvars.Context}: what a task, a
 * callback or the thread outside the loop sees. Every task runs in one; normally it is a copy
 * of its creator's, made by {@code createTask}. Explicit contexts are for code that must choose:
 *
 * <pre>{@code
 * Context ctx = copyContext();                  // contextvars.copy_context()
 * ctx.run(() -> REQUEST_ID.set("r-1"));         // ctx.run(fn): the set stays in ctx
 * createTask(handle(), ctx);                    // create_task(coro, context=ctx): runs in ctx itself
 * loop.callSoon(() -> log(REQUEST_ID.get()), ctx);   // call_soon(cb, context=ctx)
 * }</pre>
 *
 * <p>As in Python, a task or callback given a context runs in that very context, not a copy: its
 * sets are seen by everything else sharing it. A context is entered by one {@link #run} at a
 * time. Values are held in an immutable map, so copying a context costs one reference.
 */
public final class Context {
    /** The values; replaced (never mutated) on each set, so copies share it safely. */
    Map<ContextVar<?>, Object> values;
    /** Inside {@link #run}: Python refuses to enter a context twice. */
    private boolean entered;

    /** An empty context, as {@code contextvars.Context()}. */
    public Context() {
        this(Map.of());
    }

    Context(Map<ContextVar<?>, Object> values) {
        this.values = values;
    }

    /** A copy of the context code running now sees ({@code contextvars.copy_context()}). */
    public static Context copyContext() {
        return ContextVar.currentContext().copy();
    }

    /** A new context with the same values; sets in either are not seen by the other. */
    public Context copy() {
        return new Context(values);
    }

    /**
     * The value {@code var} has in this context ({@code ctx[var]}); its default does not count.
     *
     * @throws NoSuchElementException (Python's {@code KeyError}) if it has none here
     */
    @SuppressWarnings("unchecked")
    public <T> T get(ContextVar<T> var) {
        Objects.requireNonNull(var, "var");
        if (!values.containsKey(var)) {
            throw new NoSuchElementException(var + " has no value in this context");
        }
        return (T) values.get(var);
    }

    /** The value {@code var} has in this context, else {@code fallback} ({@code ctx.get(var, default)}). */
    @SuppressWarnings("unchecked")
    public <T> T get(ContextVar<T> var, T fallback) {
        Object v = values.getOrDefault(var, fallback);
        return (T) v;
    }

    /** Whether {@code var} has a value here ({@code var in ctx}). */
    public boolean contains(ContextVar<?> var) {
        return values.containsKey(var);
    }

    /** The variables that have a value here. */
    public Set<ContextVar<?>> vars() {
        return values.keySet();
    }

    /** How many variables have a value here ({@code len(ctx)}). */
    public int size() {
        return values.size();
    }

    /** {@link #run(Supplier)} for code that returns nothing. */
    public void run(Runnable fn) {
        Objects.requireNonNull(fn, "fn");
        run(() -> {
            fn.run();
            return null;
        });
    }

    /**
     * Runs {@code fn} in this context and returns its result ({@code ctx.run(fn)}): the variables
     * it reads are this context's, the ones it sets stay set here afterwards, and the caller's
     * context is back when it returns or throws.
     *
     * @throws IllegalStateException if this context is entered already (by a {@code run} or as
     *     the context of the code calling it), as Python's {@code RuntimeError}
     */
    public <T> T run(Supplier<T> fn) {
        Objects.requireNonNull(fn, "fn");
        if (entered || ContextVar.currentContext() == this) {
            throw new IllegalStateException("cannot enter context: " + this + " is already entered");
        }
        entered = true;
        Context saved = ContextVar.enter(this);
        try {
            return fn.get();
        } finally {
            ContextVar.enter(saved);
            entered = false;
        }
    }

    @Override
    public String toString() {
        return "<Context " + values.size() + (values.size() == 1 ? " variable>" : " variables>");
    }
}
