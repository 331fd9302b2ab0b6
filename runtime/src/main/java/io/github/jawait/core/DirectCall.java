package io.github.jawait.core;

/**
 * The entry points of direct calls: {@code await(f(args))}, where {@code f} is a static
 * {@code @Async} method of the same class, calls {@code f}'s direct variant
 * {@code f$resume(args, caller)} instead of its factory. The variant runs {@code f}'s body at
 * once, with its arguments in local variables and no frame, and returns its value: an awaited
 * call that never suspends allocates nothing, as a Kotlin {@code suspend} call. Its frame is
 * made only when it must suspend (or return a coroutine that does): then it returns
 * {@link #SUSPENDED} and the frame waits, linked to the caller as an inline start leaves it
 * ({@link FrameDriver#startInline}), in the caller's slot, where the caller's await takes it.
 *
 * <pre>
 * caller:  frame.label = k; r = f$resume(args, frame);
 *          if (r == SUSPENDED) { aw = takeAwaiting(frame); ...the await as usual... } else value = r
 * variant: if (tooDeep(caller)) return defer(f(args), caller);
 *          the body; at an await not ready: frame = f(defaults), started(frame, caller); save; suspend; return suspended(frame)
 *          return result(v) is return v; another return is returned(r, frame) (after making the frame if it is not ready)
 *          a failure leaving the body goes through failed(t, caller)
 * </pre>
 */
public final class DirectCall {
    private DirectCall() {
    }

    /** What a direct variant returns when it suspended: its frame is in the caller's slot. */
    public static final Object SUSPENDED = new Object() {
        @Override
        public String toString() {
            return "<direct call suspended>";
        }
    };

    /**
     * Whether a variant {@code depth} levels below {@code anchor}, the nearest frame up its Java
     * stack (1: called by the anchor itself; more: by variants that made no frame), is as deep in
     * inline starts as a Java stack may go: it then makes its coroutine with the factory and leaves
     * it to the driver ({@link #defer}).
     */
    public static boolean tooDeep(CoroutineFrame<?> anchor, int depth) {
        return anchor.inlineDepth + depth > FrameDriver.INLINE_LIMIT;
    }

    /** The variant did not run: the caller's await takes {@code coroutine} from the anchor's slot. */
    public static Object defer(Object coroutine, CoroutineFrame<?> anchor) {
        anchor.awaiting(coroutine);
        return SUSPENDED;
    }

    /**
     * The variant's frame, made by its factory in the middle of its body: running, {@code depth}
     * levels below the anchor, as inline starts would have left it, and linked to the anchor
     * until a caller that had no frame makes its own and {@link #adopt}s it.
     */
    public static void started(CoroutineFrame<?> frame, CoroutineFrame<?> anchor, int depth) {
        frame.taken();
        frame.caller = anchor;
        frame.inlineDepth = (byte) (anchor.inlineDepth + depth);
        frame.state = CoroutineFrame.RUNNING;
    }

    /**
     * A variant that had no frame called one that suspended, and made its frame: the callee's
     * frame, linked to the anchor so far, is linked to it. A coroutine the callee deferred (not
     * started, no caller yet) is left to the await.
     */
    public static void adopt(Object callee, CoroutineFrame<?> frame) {
        if (callee instanceof CoroutineFrame<?> c && c.caller != null) {
            c.caller = frame;
        }
    }

    /** At an await of the variant: whether {@code aw} can be read now ({@code frame} is null until it is made). */
    public static boolean isDone(Object aw, CoroutineFrame<?> frame) {
        return frame == null ? StateMachine.isDone(aw) : StateMachine.isDoneIn(aw, frame);
    }

    /** The variant's frame suspended: the caller finds it in the anchor's slot and suspends on it. */
    public static Object suspended(CoroutineFrame<?> frame) {
        frame.caller.awaiting(frame);
        return SUSPENDED;
    }

    /** Whether the variant's {@code return expr} is a finished coroutine it can return the value of. */
    public static boolean isValue(Object returned) {
        return returned instanceof CompletedCoroutine;
    }

    /** The value of a finished coroutine the variant returns ({@code done()}, {@code result(v)}). */
    public static Object value(Object returned) {
        return ((CompletedCoroutine<?>) returned).value();
    }

    /**
     * The variant returns {@code returned}, not a finished coroutine: its frame completes with it
     * as the frame's own return would ({@link StateMachine#complete}), then the variant returns its
     * value, throws its failure or, when it awaits a coroutine that suspended, is suspended.
     */
    public static Object returned(Object returned, CoroutineFrame<?> frame) {
        StateMachine.complete(frame, returned);
        if (frame.state == CoroutineFrame.SUSPENDED) {
            return suspended(frame);
        }
        if (frame.state == CoroutineFrame.FAILED) {
            throw Sneaky.rethrow((Throwable) frame.result());
        }
        return frame.result();
    }

    /**
     * A failure leaves the variant's body. Made below it, its trace shows the caller already; made
     * elsewhere (another task's, rethrown), it gets the caller's async element, as a frame's
     * failure handed to its caller does ({@link AsyncTrace}): the anchor's, whose label names its
     * await, when the anchor called this variant ({@code depth} 1); otherwise the caller had no
     * frame, and its own call site adds its element ({@link #failedAt}).
     */
    public static Throwable failed(Throwable failure, CoroutineFrame<?> anchor, int depth) {
        if (depth == 1 && !AsyncTrace.madeBelow(failure, 2)) { // here: madeBelow, this method, the variant
            AsyncTrace.append(failure, anchor);
        }
        return failure;
    }

    /**
     * A failure leaves a direct call made by a variant that had no frame: made elsewhere, it gets
     * that variant's async element, named from the call site ({@code Owner.method},
     * {@code File.java:line}), as its frame would have given it.
     */
    public static Throwable failedAt(Throwable failure, String method, String location) {
        if (!AsyncTrace.madeBelow(failure, 2)) { // here: madeBelow, this method, the variant
            AsyncTrace.append(failure, method, location);
        }
        return failure;
    }
}
