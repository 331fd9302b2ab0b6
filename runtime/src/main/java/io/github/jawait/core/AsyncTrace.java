package io.github.jawait.core;

import io.github.jawait.CancelledError;
import io.github.jawait.GeneratorExit;

/**
 * Async stack traces: when a coroutine's failure is handed to the coroutine awaiting it, one
 * element naming that caller and the line of its pending await is added at the bottom of the
 * failure's stack trace, the way V8 prints {@code at async f}. The element's class-loader slot
 * says {@code async}, so it prints as {@code at async//com.example.Shop.checkout(Shop.java:42)}.
 *
 * <p>Nothing is recorded while coroutines run: the chain is read from the frames (each knows
 * its caller and its label) only as a failure travels up it. Cancellations, which are normal
 * control flow, are left alone, and at most {@link #LIMIT} async elements are added.
 */
final class AsyncTrace {
    static final int LIMIT = 64;
    private static final String MARK = "async";

    private AsyncTrace() {
    }

    static void append(Object failure, CoroutineFrame<?> caller) {
        if (failure instanceof Throwable && !(failure instanceof CancelledError || failure instanceof GeneratorExit)) {
            append(failure, caller.name(), caller.awaitLocation()); // the names only on this rare path
        }
    }

    /** Adds the element of method {@code name} ({@code Owner.method}) awaiting at {@code where} ({@code File.java:12}). */
    static void append(Object failure, String name, String where) {
        if (!(failure instanceof Throwable t) || t instanceof CancelledError || t instanceof GeneratorExit) {
            return;
        }
        StackTraceElement[] trace = t.getStackTrace();
        if (trace.length == 0) {
            return; // a failure made without a stack trace stays without one
        }
        int async = 0;
        for (int i = trace.length - 1; i >= 0 && MARK.equals(trace[i].getClassLoaderName()); i--) {
            async++;
        }
        if (async >= LIMIT) {
            return;
        }
        int dot = name.lastIndexOf('.');
        String file = where;
        int line = -1;
        if (where != null) {
            int colon = where.lastIndexOf(':');
            if (colon > 0) {
                file = where.substring(0, colon);
                line = Integer.parseInt(where.substring(colon + 1));
            }
        }
        StackTraceElement e = new StackTraceElement(MARK, null, null,
                dot > 0 ? name.substring(0, dot) : name, dot > 0 ? name.substring(dot + 1) : "", file, line);
        StackTraceElement[] longer = java.util.Arrays.copyOf(trace, trace.length + 1);
        longer[trace.length] = e;
        t.setStackTrace(longer);
    }

    /**
     * Whether the failure of a coroutine that {@link FrameDriver#startInline} ran was made on the
     * Java stack below that call, so that its trace shows the awaiting methods already. Called
     * by startInline only (the frame under this one): the failure's trace must end with this
     * stack from startInline down. False for a failure made elsewhere (another task's, a stored
     * one) that the child rethrew: it needs its async elements. Only on the failure path.
     */
    static boolean madeBelowInlineStart(Object failure) {
        return madeBelow(failure, 2); // here: madeBelow, this method, startInline
    }

    /**
     * Whether {@code failure} was made on the Java stack below a method that is still running:
     * its trace must end with that method (at any line) and, below it, exactly this stack (as far
     * as traces cut at the VM's depth limit show it). The method is {@code at} frames up from
     * this one (the caller of this method is 1).
     */
    static boolean madeBelow(Object failure, int at) {
        if (!(failure instanceof Throwable t) || t instanceof CancelledError || t instanceof GeneratorExit) {
            return true; // nothing to add to it either way
        }
        StackTraceElement[] trace = t.getStackTrace();
        if (trace.length == 0) {
            return true;
        }
        StackTraceElement[] here = new Throwable().getStackTrace();
        // here[0] is this method, here[at] the method the failure went through (at another
        // line than in the failure's trace); from here[at + 1] down, the frames must be the same
        int below = here.length - at - 1;
        int start = trace.length - below - 1;
        if (below >= 0 && start >= 0 && sameFrom(trace, start, here, at)) {
            return true;
        }
        // a trace keeps only the top MaxJavaStackTraceDepth frames (1024 by default): under a
        // deeper Java stack both are cut, at other depths, and cannot be aligned at the bottom;
        // align them at the method instead, each place it is in the failure's trace, and compare
        // the frames both kept (two whole stacks of one thread cannot agree on all of those and
        // differ in length, so this only accepts what the cut hid)
        if (here.length > at) {
            for (int j = 0; j < trace.length; j++) {
                if (sameFrom(trace, j, here, at)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether {@code trace[start]} is the method of {@code here[at]} (at any line) and the frames
     * under it are those under {@code here[at]}, as far as both traces go.
     */
    private static boolean sameFrom(StackTraceElement[] trace, int start, StackTraceElement[] here, int at) {
        StackTraceElement through = trace[start];
        if (!through.getMethodName().equals(here[at].getMethodName())
                || !through.getClassName().equals(here[at].getClassName())) {
            return false;
        }
        int n = Math.min(trace.length - start, here.length - at) - 1;
        for (int i = 1; i <= n; i++) {
            if (!trace[start + i].equals(here[at + i])) {
                return false;
            }
        }
        return true;
    }
}
