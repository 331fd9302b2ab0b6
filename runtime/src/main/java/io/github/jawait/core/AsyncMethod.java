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

    /** A method named {@code name} (as {@code Owner.method}) that runs {@code resume}. */
    public AsyncMethod(Resumable resume, String name) {
        this.resume = resume;
        this.name = name;
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

    @Override
    public String toString() {
        return name;
    }
}
