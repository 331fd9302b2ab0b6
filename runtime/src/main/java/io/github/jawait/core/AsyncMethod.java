package io.github.jawait.core;

import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * One rewritten {@code @Async} method as its frames see it: the resume function and the name
 * shown in {@code toString()} and error messages. One constant per method, made once by the
 * {@code invokedynamic} in the method's factory ({@link #bootstrap}), so that a frame holds one
 * reference for both instead of two (frames are counted in millions).
 */
public final class AsyncMethod {
    private static final MethodType RESUME_TYPE = MethodType.methodType(void.class, CoroutineFrame.class);

    final Resumable resume;
    final String name;
    /** The source file, or null when unknown (hand-written runtime coroutines). */
    private final String file;
    /** The source line of await k at index k - 1; 0 where unknown. */
    private final int[] awaitLines;

    /** A method named {@code name} (as {@code Owner.method}) that runs {@code resume}. */
    public AsyncMethod(Resumable resume, String name) {
        this(resume, name, null, NO_LINES);
    }

    private static final int[] NO_LINES = new int[0];

    private AsyncMethod(Resumable resume, String name, String file, int[] awaitLines) {
        this.resume = resume;
        this.name = name;
        this.file = file;
        this.awaitLines = awaitLines;
    }

    /**
     * Where await {@code label} of this method is: {@code File.java:15}, or just the file, or
     * null when unknown.
     */
    public String awaitLocation(int label) {
        if (file == null) {
            return null;
        }
        int line = label >= 1 && label <= awaitLines.length ? awaitLines[label - 1] : 0;
        return line > 0 ? file + ":" + line : file;
    }

    /** The method's name, {@code Owner.method}. */
    public String name() {
        return name;
    }

    /**
     * Bootstrap of the {@code invokedynamic} the agent emits in each factory: binds the
     * rewritten method's {@code m$resume} (a private static method of the caller, reached
     * through the caller's lookup) to a {@link Resumable} and returns the constant.
     */
    public static CallSite bootstrap(MethodHandles.Lookup caller, String invokedName, MethodType type,
            MethodHandle resume, String name) throws Throwable {
        Resumable r = (Resumable) LambdaMetafactory.metafactory(caller, "resume",
                MethodType.methodType(Resumable.class), RESUME_TYPE, resume, RESUME_TYPE)
                .getTarget().invoke();
        return new ConstantCallSite(MethodHandles.constant(AsyncMethod.class, new AsyncMethod(r, name)));
    }

    /**
     * The bootstrap of classes rewritten by this agent: {@code where} is
     * {@code File.java:l1,l2,...}, the source line of each await (see {@code awaitLocation}).
     */
    public static CallSite bootstrap(MethodHandles.Lookup caller, String invokedName, MethodType type,
            MethodHandle resume, String name, String where) throws Throwable {
        Resumable r = (Resumable) LambdaMetafactory.metafactory(caller, "resume",
                MethodType.methodType(Resumable.class), RESUME_TYPE, resume, RESUME_TYPE)
                .getTarget().invoke();
        int colon = where.lastIndexOf(':');
        String file = colon > 0 ? where.substring(0, colon) : null;
        String[] parts = colon >= 0 && colon < where.length() - 1 ? where.substring(colon + 1).split(",") : new String[0];
        int[] lines = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            lines[i] = Integer.parseInt(parts[i]);
        }
        return new ConstantCallSite(MethodHandles.constant(AsyncMethod.class, new AsyncMethod(r, name, file, lines)));
    }

    @Override
    public String toString() {
        return name;
    }
}
