package io.github.jawait;

import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A task-local variable, Python's {@code contextvars.ContextVar}: each task sees the values set
 * in its own context, which starts as a copy of its creator's context when the task is
 * created; callbacks scheduled with {@code callSoon}/{@code callLater} run in a copy of the
 * context they were scheduled from. This is how request ids and tracing spans flow through
 * asyncio code without being passed around.
 *
 * <pre>{@code
 * static final ContextVar<String> REQUEST_ID = new ContextVar<>("request_id");
 *
 * @Async Coroutine<Void> handle(Request r) {
 *     REQUEST_ID.set(r.id());               // this task and the tasks it creates from now on
 *     await(gather(fetchUser(), fetchCart())); // both see r.id()
 *     return done();
 * }
 * }</pre>
 *
 * <p>A set in a child task is not seen by its parent or its siblings. Outside any task and
 * callback (for instance in {@code main} before the loop runs) the thread's own context is
 * used, and the loop's first tasks copy it. Loop-thread only, like everything on a loop.
 *
 * @param <T> the value type
 */
public final class ContextVar<T> {
    /** Whether any variable was ever set: until then, creating a task copies nothing. */
    static boolean inUse;
    /** The context of code running outside tasks and callbacks, per thread. */
    private static final ThreadLocal<Context> THREAD_CONTEXT = ThreadLocal.withInitial(Context::new);
    /** What a task without a context of its own reads: nothing was set where it was created. */
    private static final Map<ContextVar<?>, Object> NONE = Map.of();
    private static final Object MISSING = new Object();

    private final String name;
    private final Object defaultValue;

    /** A variable with no default: {@link #get()} throws until it is set. */
    public ContextVar(String name) {
        this.name = Objects.requireNonNull(name, "name");
        this.defaultValue = MISSING;
    }

    /** A variable whose {@link #get()} yields {@code defaultValue} until it is set. */
    public ContextVar(String name, T defaultValue) {
        this.name = Objects.requireNonNull(name, "name");
        this.defaultValue = defaultValue;
    }

    public String name() {
        return name;
    }

    /**
     * The value in the current context, else the default.
     *
     * @throws NoSuchElementException (Python's {@code LookupError}) if neither exists
     */
    @SuppressWarnings("unchecked")
    public T get() {
        Object v = currentValues().getOrDefault(this, defaultValue);
        if (v == MISSING) {
            throw new NoSuchElementException("ContextVar " + name + " has no value");
        }
        return (T) v;
    }

    /** The value in the current context, else the default, else {@code fallback}. */
    @SuppressWarnings("unchecked")
    public T get(T fallback) {
        Object v = currentValues().getOrDefault(this, defaultValue);
        return v == MISSING ? fallback : (T) v;
    }

    /**
     * Sets the value in the current context (the running task's, or the callback's, or the
     * thread's); returns a token that {@link #reset} takes to restore the previous value.
     */
    public Token<T> set(T value) {
        inUse = true;
        Context context = writableContext();
        Map<ContextVar<?>, Object> before = context.values;
        Map<ContextVar<?>, Object> after = new HashMap<>(before);
        after.put(this, value);
        context.values = Map.copyOf(after);
        return new Token<>(this, before.getOrDefault(this, MISSING));
    }

    /**
     * Restores the value this variable had before the {@link #set} that returned {@code token}.
     *
     * @throws IllegalStateException if the token was used already or belongs to another variable
     */
    public void reset(Token<T> token) {
        if (token.var != this) {
            throw new IllegalArgumentException(token + " was created by a different ContextVar");
        }
        if (token.used) {
            throw new IllegalStateException(token + " has already been used once");
        }
        token.used = true;
        Context context = writableContext();
        Map<ContextVar<?>, Object> after = new HashMap<>(context.values);
        if (token.oldValue == MISSING) {
            after.remove(this);
        } else {
            after.put(this, token.oldValue);
        }
        context.values = Map.copyOf(after);
    }

    @Override
    public String toString() {
        return "<ContextVar name=" + name + (defaultValue == MISSING ? "" : " default=" + defaultValue) + ">";
    }

    /** What {@link #set} returns: the previous value, for {@link #reset}. */
    public static final class Token<T> {
        private final ContextVar<T> var;
        private final Object oldValue;
        private boolean used;

        Token(ContextVar<T> var, Object oldValue) {
            this.var = var;
            this.oldValue = oldValue;
        }

        /** The variable this token restores. */
        public ContextVar<T> var() {
            return var;
        }

        @Override
        public String toString() {
            return "<Token var=" + var + (used ? " used" : "") + ">";
        }
    }

    // ---- where the current context lives: the running task, the running callback, the thread ----

    /**
     * The values code running now sees. While a loop runs on this thread, all code is a task or a
     * callback, and reads its own context (empty if it has none); the thread's context is for code
     * outside the loop, and is never read or written by a task or callback.
     */
    static Map<ContextVar<?>, Object> currentValues() {
        EventLoop loop = EventLoop.runningOrNull();
        if (loop != null) {
            Map<ContextVar<?>, Object> values = loop.contexts == null ? null : loop.contexts.valuesOf(loop.currentTask());
            return values != null ? values : NONE;
        }
        return THREAD_CONTEXT.get().values;
    }

    /** The context code running now runs in; made for a task or callback that had none (nothing set yet). */
    static Context currentContext() {
        return writableContext();
    }

    private static Context writableContext() {
        EventLoop loop = EventLoop.runningOrNull();
        if (loop != null) {
            return loop.taskContexts().writable(loop.currentTask());
        }
        return THREAD_CONTEXT.get();
    }

    /** {@link Context#run}: makes {@code context} the current one; returns the one it replaces. */
    static Context enter(Context context) {
        EventLoop loop = EventLoop.runningOrNull();
        if (loop != null) {
            return loop.taskContexts().put(loop.currentTask(), context);
        }
        Context saved = THREAD_CONTEXT.get();
        THREAD_CONTEXT.set(context);
        return saved;
    }
}
