package io.github.jawait.core;

import io.github.jawait.CancelledError;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * The static entry points the rewritten state machines call; their names and descriptors are
 * part of the agent's contract (see {@code docs/transformation.md}). Each await becomes:
 *
 * <pre>
 *   if (!isDoneIn(aw, frame)) { spill live values; [clearRefs(frame, n);] suspend(frame, k, aw); return; }
 *   resume_k: restore live values; aw = takeAwaiting(frame);
 *   value = awaitDone(aw);          // at the user's line, inside the user's try blocks
 * </pre>
 * and the start of the method (label 0) restores the receiver and the arguments the factory
 * stored, then, in an {@link ArrayFrame}, calls {@link #argumentsRestored} if an array carried
 * only those. Inline shapes ({@link InlineFrames}) are read and cleared by field accesses the
 * agent emits itself.
 */
public final class StateMachine {
    private StateMachine() {
    }

    /**
     * At an await of {@code frame}: whether {@code aw} can be read without suspending. A new
     * coroutine is started here, on the awaiting method's Java stack, as Python runs
     * {@code await coro()}: one that finishes without suspending is read at once, and the
     * awaiting method neither saves its values nor leaves its frame (see
     * {@link FrameDriver#startInline}).
     */
    public static boolean isDoneIn(Object aw, CoroutineFrame<?> frame) {
        if (aw instanceof CompletedCoroutine) {
            return true;
        }
        if (aw instanceof Suspendable s) {
            return s.readyToReadAt(frame); // a new frame starts here; the rest as readyToRead()
        }
        return isDone(aw);
    }

    /** Whether {@code aw} can be awaited without suspending. */
    public static boolean isDone(Object aw) {
        if (aw instanceof CompletedCoroutine) {
            return true; // result(v) and done(): the commonest finished awaitable
        }
        if (aw instanceof Suspendable s) {
            return s.readyToRead(); // every runtime awaitable: the same interface as awaitDone and park test
        }
        if (aw instanceof io.github.jawait.Awaitable<?> a) {
            return a.isDone();
        }
        if (aw instanceof CompletableFuture<?> f) {
            try {
                return f.isDone();
            } catch (UnsupportedOperationException minimalStage) {
                return false; // minimalCompletionStage(): suspend, and read it once it completes
            }
        }
        if (aw instanceof CompletionStage<?>) {
            return false;
        }
        if (aw == null) {
            throw new NullPointerException("await(null): there is nothing to await");
        }
        return false; // a PendingThrow: resume at once
    }

    /** The outcome of a finished awaitable: its value, or its failure thrown as it is. */
    public static Object awaitDone(Object aw) {
        if (aw instanceof CompletedCoroutine<?> c) {
            return c.value();
        }
        if (aw instanceof Suspendable s) {
            return s.outcome();
        }
        if (aw instanceof PendingThrow p) {
            throw Sneaky.rethrow(p.error);
        }
        if (aw instanceof CompletionStage<?> stage) {
            return stageOutcome(stage.toCompletableFuture());
        }
        if (aw == null) {
            throw new NullPointerException("await(null): there is nothing to await");
        }
        throw new IllegalArgumentException(notAwaitable(aw));
    }

    /** Why {@code aw} cannot be awaited (no adapter took it either), and what to do instead. */
    public static String notAwaitable(Object aw) {
        if (aw instanceof io.github.jawait.Awaitable<?>) {
            return "cannot await " + aw.getClass().getName() + ": it implements Awaitable, which only the"
                    + " runtime's own types may implement (a task must be able to park on it); to await your"
                    + " own operation, complete a CompletableFuture and await that (any CompletionStage),"
                    + " or write it as an @Async method";
        }
        return Adapters.cannotAwait(aw);
    }

    /**
     * At label 0, after the receiver and arguments were restored from the frame: replaces
     * {@code frame.refs} ({@code dropRefs}) and/or {@code frame.prims} ({@code dropPrims}) by the
     * shared empty array, because no await of the method saves anything there. A suspended
     * frame then keeps neither the memory nor the (dead) argument values.
     */
    public static void argumentsRestored(ArrayFrame<?> frame, boolean dropRefs, boolean dropPrims) {
        if (dropRefs) {
            frame.refs = ArrayFrame.NO_REFS;
        }
        if (dropPrims) {
            frame.prims = ArrayFrame.NO_PRIMS;
        }
    }

    /**
     * Before {@link #suspend}, at an await that saves fewer references than {@code frame.refs}
     * holds: clears the slots from {@code from} on, which may still hold arguments or values
     * saved at another await that are dead here, so that they can be collected.
     */
    public static void clearRefs(ArrayFrame<?> frame, int from) {
        java.util.Arrays.fill(frame.refs, from, frame.refs.length, null);
    }

    /** Records that {@code frame} waits for {@code aw} at await {@code label}; the caller returns. */
    public static void suspend(CoroutineFrame<?> frame, int label, Object aw) {
        frame.label = label;
        frame.awaiting(aw);
        frame.state = CoroutineFrame.SUSPENDED;
    }

    /** On resumption: the awaitable the frame waited for (or a {@link PendingThrow}). */
    public static Object takeAwaiting(CoroutineFrame<?> frame) {
        Object aw = frame.awaiting();
        frame.awaiting(null);
        return aw;
    }

    /**
     * {@code return expr;} of an {@code @Async} method: {@code expr} is {@code result(v)},
     * {@code done()}, {@code end()}, or another awaitable whose outcome becomes this one's.
     * {@code return null;} fails here, so the stack trace shows the user's return line.
     */
    public static void complete(CoroutineFrame<?> frame, Object returned) {
        if (returned == null) {
            throw new NullPointerException(frame.name() + " returned null: an @Async method returns"
                    + " result(value) (result(null) for a null value), done() for Coroutine<Void>, end() for"
                    + " AsyncGenerator, or another coroutine, never null");
        }
        if (returned == END) {
            frame.succeed(null);
        } else if (returned instanceof CompletedCoroutine<?> c) {
            frame.succeed(c.value());
        } else if (returned == frame) {
            frame.fail(new IllegalStateException(frame.name() + " returned itself"));
        } else if (isDoneIn(returned, frame)) { // a new coroutine returned runs here and now
            try {
                frame.succeed(awaitDone(returned));
            } catch (Throwable t) {
                frame.fail(t);
            }
        } else {
            suspend(frame, CoroutineFrame.TAIL, returned);
        }
    }

    /** {@code return Asyncio.result(value);}, without allocating the completed coroutine. */
    public static void completeValue(CoroutineFrame<?> frame, Object value) {
        frame.succeed(value);
    }

    /** The resume switch met a label it does not know: the frame was corrupted or reused. */
    public static Error invalidLabel(CoroutineFrame<?> frame) {
        throw new IllegalStateException(frame + " resumed at unknown label " + frame.label);
    }

    /**
     * Try-with-resources over a resource typed {@code AutoCloseable}, in rewritten code: the
     * awaitable that closes it, {@code closeAsync()} if it is an {@code AsyncCloseable},
     * otherwise a finished one after {@code close()} ran (its exception thrown as it is).
     */
    public static Object closeResource(AutoCloseable resource) {
        if (resource instanceof io.github.jawait.AsyncCloseable a) {
            return a.closeAsync();
        }
        try {
            resource.close();
        } catch (Exception e) {
            throw Sneaky.rethrow(e);
        }
        return io.github.jawait.Asyncio.done();
    }

    /** What {@code Asyncio.end()} returns: the end of an async generator. */
    public static final io.github.jawait.AsyncGenerator<Object> END = new EndOfGenerator();

    /** {@code emit(value)} in a generator: the awaitable its frame suspends on. */
    public static Object emission(Object value) {
        return new Emission(value);
    }

    /** The factory of an {@code @Async} method returning AsyncGenerator wraps its frame. */
    public static io.github.jawait.AsyncGenerator<?> generator(CoroutineFrame<?> frame) {
        frame.taken(); // an async generator never iterated is not reported (nor is it in Python)
        return new FrameGenerator<>(frame);
    }

    /** Body of a method the agent refused to rewrite: throws the reason it gave. */
    public static Error refused(String message) {
        throw new io.github.jawait.AsyncTransformError(message);
    }

    static Object stageOutcome(CompletableFuture<?> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            throw Sneaky.rethrow(unwrap(e));
        } catch (CancellationException e) {
            CancelledError c = new CancelledError("the awaited CompletionStage was cancelled");
            c.initCause(e);
            throw c;
        }
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
