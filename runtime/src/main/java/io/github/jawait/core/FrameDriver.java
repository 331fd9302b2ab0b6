package io.github.jawait.core;

/**
 * Runs a chain of coroutine frames for their task. Awaiting a new coroutine pushes its frame
 * and runs it at once (no loop turn, as Python's {@code await coro}); a finished frame hands
 * its outcome to its caller, which re-executes its await and reads it. Both are steps of one
 * loop, never recursion, so each step costs O(1) whatever the depth of the chain.
 */
public final class FrameDriver {
    private FrameDriver() {
    }

    /**
     * Resumes {@code frame} and drives the chain until the innermost frame suspends on
     * something that is not a coroutine, or the outermost frame finishes. Returns that frame.
     */
    public static CoroutineFrame<?> run(CoroutineFrame<?> frame) {
        // kept under the JIT's inlining size (FreqInlineSize, 325 bytes of bytecode): the task's
        // step inlines it, and with it the frame's resume; the rare cases are methods of their own
        CoroutineFrame<?> f = frame;
        boolean resume = true;
        while (true) {
            if (resume) {
                f.resume();
            }
            resume = true;
            if (f.state == CoroutineFrame.SUSPENDED) {
                Object aw = f.awaiting();
                if (aw instanceof CoroutineFrame<?> child) {
                    if (child.caller == f && child.state == CoroutineFrame.SUSPENDED) {
                        // started inline by f's await and suspended there: the innermost frame
                        // now, resumed by this loop from here on, on a short Java stack
                        child.inlineDepth = 0;
                        f = child;
                        resume = false;
                    } else {
                        f = awaitFrame(f, child);
                    }
                    continue;
                }
                if (aw instanceof GeneratorStep || aw instanceof Emission) {
                    f = generatorHop(f, aw);
                    continue;
                }
                return f;
            }
            CoroutineFrame<?> parent = f.caller;
            if (parent == null) {
                return f;
            }
            returnTo(f, parent, frame);
            f = parent;
        }
    }

    /** {@code f} awaits the coroutine {@code child}: the frame to resume next. */
    private static CoroutineFrame<?> awaitFrame(CoroutineFrame<?> f, CoroutineFrame<?> child) {
        if (child.state == CoroutineFrame.NEW) {
            child.taken();
            child.caller = f;
            return child;
        }
        if (child.caller == f) {
            // failed inline with a failure made elsewhere (startInline): name f, now suspended at
            // the await, in the failure's async trace as a pushed child's return would have
            AsyncTrace.append(child.result(), f);
            child.caller = null;
            return f;
        }
        if (!child.isDone()) {
            f.awaiting(new PendingThrow(new IllegalStateException(child
                    + " is already being awaited; a coroutine runs once: wrap it in"
                    + " Asyncio.createTask(...) to await it from several places")));
        }
        return f; // done: f reads its outcome
    }

    /** A generator's step or emission between {@code f} and its consumer: the frame to resume next. */
    private static CoroutineFrame<?> generatorHop(CoroutineFrame<?> f, Object aw) {
        if (aw instanceof GeneratorStep step) {
            // the consumer asks for the next value: run the generator inline
            Object entered = step.generator.enter(step);
            if (entered instanceof CoroutineFrame<?> g) {
                g.caller = f;
                return g;
            }
            if (entered != null) {
                f.awaiting(entered);
            }
            return f;
        }
        Emission e = (Emission) aw;
        if (f.caller != null && f.caller.awaiting() instanceof GeneratorStep step) {
            // the generator emitted: hand the value to the consumer and pause here
            step.generator.emitted(step, e.value);
            CoroutineFrame<?> consumer = f.caller;
            f.caller = null;
            return consumer;
        }
        f.awaiting(new PendingThrow(new IllegalStateException("emit() outside an"
                + " async generator: emit only in @Async methods returning AsyncGenerator")));
        return f;
    }

    /**
     * The finished frame {@code f} hands its outcome to {@code parent}, which resumes next.
     * {@code started}, the frame the step began in, stays the task's current frame until the step
     * ends: it keeps its link, so that the task's coroutine (the chain's root) is still found from
     * it while the step runs ({@code Task.getCoroutine()}); {@link #leftBehind} drops it after.
     */
    private static void returnTo(CoroutineFrame<?> f, CoroutineFrame<?> parent, CoroutineFrame<?> started) {
        if (f.state == CoroutineFrame.FAILED) {
            AsyncTrace.append(f.result(), parent);
        }
        if (parent.awaiting() instanceof GeneratorStep step) {
            step.generator.finished(step, f);
            f.caller = null; // a generator's frame is not on its consumer's chain
        } else if (f != started) {
            f.caller = null;
        }
    }

    /**
     * After a step that began in {@code started} and ended in another frame: a finished
     * {@code started} drops its link to the frame it returned to, as the others did at once.
     */
    public static void leftBehind(CoroutineFrame<?> started) {
        if (started.isDone()) {
            started.caller = null;
        }
    }

    /**
     * How deep inline starts may nest on one Java stack. Each level is a handful of Java frames
     * (the user's method, this class, the frame's resume); beyond it, an awaited coroutine is
     * pushed by {@link #run} as before, so deep await chains still need no Java stack.
     */
    static final int INLINE_LIMIT = 16;

    /**
     * An await of {@code caller} meets the new coroutine {@code child}: runs it now, on the
     * caller's Java stack, up to its end or its first suspension. Returns true when it finished
     * (the caller reads its outcome at once, without suspending); false when it suspended,
     * still linked to the caller, which then suspends awaiting it and {@link #run} descends into
     * it. Too deep (or from a frame that is not running): false without starting it, and the
     * driver pushes it as it always did.
     */
    static boolean startInline(CoroutineFrame<?> child, CoroutineFrame<?> caller) {
        if (caller.inlineDepth >= INLINE_LIMIT || caller.state != CoroutineFrame.RUNNING) {
            return false;
        }
        child.taken();
        child.caller = caller;
        child.inlineDepth = (byte) (caller.inlineDepth + 1);
        child.resume();
        if (child.state == CoroutineFrame.SUSPENDED) {
            return false; // the caller suspends on it; run() takes it from there
        }
        if (child.state == CoroutineFrame.FAILED && !AsyncTrace.madeBelowInlineStart(child.result())) {
            // a failure made elsewhere (another task's, rethrown): its trace lacks the caller, and
            // only a suspended caller knows the line of this await; the caller suspends on the
            // finished child, still linked, and awaitFrame adds the async element (rare path)
            return false;
        }
        // finished: its failure, if any, is rethrown at the caller's await with the caller's own
        // frames in its Java stack trace already (no async element is needed for this link)
        child.caller = null;
        return true;
    }

    /** The frame at the bottom of {@code f}'s chain of callers: the task's coroutine. */
    public static CoroutineFrame<?> outermost(CoroutineFrame<?> f) {
        while (f.caller != null) {
            f = f.caller;
        }
        return f;
    }

    /** Whether {@code f} is a frame that has not started yet. */
    public static boolean isNew(CoroutineFrame<?> f) {
        return f.state == CoroutineFrame.NEW;
    }

    /** A task takes {@code f} as its coroutine: false if it is already started or taken. */
    public static boolean claim(CoroutineFrame<?> f) {
        if (f.state != CoroutineFrame.NEW) {
            return false;
        }
        f.taken();
        f.state = CoroutineFrame.CLAIMED;
        return true;
    }

    /** Whether {@code f} was claimed by a task that has not run it yet. */
    public static boolean isClaimed(CoroutineFrame<?> f) {
        return f.state == CoroutineFrame.CLAIMED;
    }

    /** The task's first step: the claimed frame becomes runnable. */
    public static void unclaim(CoroutineFrame<?> f) {
        f.state = CoroutineFrame.NEW;
    }

    /** Whether {@code f} is parked on an awaitable (as opposed to finished). */
    public static boolean isSuspended(CoroutineFrame<?> f) {
        return f.state == CoroutineFrame.SUSPENDED;
    }

    /** The awaitable a suspended frame waits for. */
    public static Object awaiting(CoroutineFrame<?> f) {
        return f.awaiting();
    }

    /** The suspended frame awaits {@code substitute} instead, whose outcome becomes the await's. */
    public static void replaceAwaiting(CoroutineFrame<?> f, Object substitute) {
        f.awaiting(substitute);
    }

    /** Makes the suspended frame's pending await throw {@code error} when it resumes. */
    public static void throwInto(CoroutineFrame<?> f, Throwable error) {
        f.awaiting(new PendingThrow(error));
    }

    /** Marks a frame that never started as failed without running it (cancelled early). */
    public static void failUnstarted(CoroutineFrame<?> f, Throwable error) {
        f.fail(error);
    }

    /** The finished frame's value, or its failure as a {@link Throwable}. */
    public static Object result(CoroutineFrame<?> f) {
        return f.result();
    }

    /** Whether the finished frame failed. */
    public static boolean failed(CoroutineFrame<?> f) {
        return f.state == CoroutineFrame.FAILED;
    }

    /** The frame that awaits {@code f} inline (its caller), or null for a task's outermost frame. */
    public static CoroutineFrame<?> caller(CoroutineFrame<?> f) {
        return f.caller;
    }
}
