package io.github.jawait.core;

import java.util.Set;

/**
 * Debug mode's "created at": the first frame of the calling thread's stack outside the runtime
 * (the user's line that created a coroutine or a task). Walks the stack, so it runs only in
 * debug mode.
 */
public final class CreationSite {
    /** The runtime's packages; user code (tests and samples included) lives elsewhere. */
    private static final Set<String> RUNTIME = Set.of("io.github.jawait", "io.github.jawait.core",
            "io.github.jawait.io", "io.github.jawait.sync", "io.github.jawait.loop", "io.github.jawait.spi",
            "io.github.jawait.jfr");
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private CreationSite() {
    }

    /** {@code Owner.method(File.java:12)}, the rewritten body {@code m$resume} shown as {@code m}. */
    private static String format(StackWalker.StackFrame f) {
        String m = f.getMethodName();
        if (m.endsWith("$resume")) {
            m = m.substring(0, m.length() - "$resume".length());
        }
        String file = f.getFileName();
        int line = f.getLineNumber();
        return f.getClassName() + "." + m + "(" + (file == null ? "Unknown Source" : line > 0 ? file + ":" + line : file) + ")";
    }

    /**
     * The first caller outside the runtime, as {@code Owner.method(File.java:12)}; if that
     * frame is {@code skipped} (an {@code @Async} method's own factory, as {@code Owner.method}),
     * the frame below it. Null when the whole stack is the runtime's.
     */
    public static String find(String skipped) {
        return WALKER.walk(frames -> frames
                .filter(f -> !RUNTIME.contains(f.getDeclaringClass().getPackageName()))
                .dropWhile(f -> skipped != null && skipped.equals(f.getClassName() + "." + f.getMethodName()))
                .findFirst()
                .map(CreationSite::format)
                .orElse(null));
    }
}
