package io.github.jawait.agent;

import io.github.jawait.agent.scan.CheapScan;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;

/**
 * The agent's {@link ClassFileTransformer}. The JVM silently ignores a transformer that
 * throws and loads the original class, which would run {@code @Async} bodies un-rewritten; so
 * nothing escapes here: a failure is logged and the affected methods are made to throw it.
 *
 * <p>Start-up: only the cheap scan is loaded with the agent. The rewriter, and with it ASM,
 * is loaded by the first class that mentions jawait ({@link Rewriting}), so a JVM whose
 * classes never use {@code @Async} pays for the scan alone.
 */
public final class AsyncClassTransformer implements ClassFileTransformer {
    /**
     * Test hook: the internal name of a class whose rewrite throws inside this transformer, so a
     * test can show that such a failure stays confined to that class's {@code @Async} methods.
     */
    public static final String FAIL_REWRITE_PROPERTY = "jawait.agent.test.failRewriteOf";

    private final boolean verify;
    /** null: the default, {@code WARN}, resolved at the first rewrite (see the no-argument constructor). */
    private final BlockingCallPolicy blocking;
    private final AgentStats stats;

    /**
     * The agent's defaults. Touches neither {@link AgentOptions} nor {@link BlockingCallPolicy},
     * so that an agent started without options loads no class but this one before the first
     * class with {@code @Async} (start-up, issue 17).
     */
    public AsyncClassTransformer() {
        this.verify = false;
        this.blocking = null;
        this.stats = null;
    }

    public AsyncClassTransformer(boolean verify) {
        this(new AgentOptions(verify, BlockingCallPolicy.WARN, false), null);
    }

    public AsyncClassTransformer(AgentOptions options) {
        this(options, null);
    }

    /** {@code stats}: counts and times every class seen, or null (the default) to count nothing. */
    AsyncClassTransformer(AgentOptions options, AgentStats stats) {
        this.verify = options.verify();
        this.blocking = options.blocking();
        this.stats = stats;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classFile) {
        if (stats == null) {
            return scanThenRewrite(loader, className, classFile);
        }
        long c0 = stats.cpuNow();
        long t0 = System.nanoTime();
        byte[] out = scanThenRewrite(loader, className, classFile);
        long t1 = System.nanoTime();
        stats.record(t1 - t0, stats.cpuNow() - c0, out != null);
        return out;
    }

    private byte[] scanThenRewrite(ClassLoader loader, String className, byte[] classFile) {
        if (className != null && !CheapScan.eligibleName(className)) {
            return null;
        }
        if (!CheapScan.mentionsJawait(classFile)) {
            return null;
        }
        return Rewriting.rewrite(loader, className, classFile, verify, blocking);
    }

    /**
     * Holder of the rewriters, one per blocking-call policy: their class (and ASM's) load when a
     * class first needs rewriting.
     */
    private static final class Rewriting {
        private static final java.util.Map<BlockingCallPolicy, ClassRewriter> REWRITERS =
                new java.util.concurrent.ConcurrentHashMap<>();

        static byte[] rewrite(ClassLoader loader, String className, byte[] classFile, boolean verify,
                BlockingCallPolicy blocking) {
            ClassRewriter rewriter = REWRITERS.computeIfAbsent(blocking == null ? BlockingCallPolicy.WARN : blocking,
                    ClassRewriter::new);
            try {
                if (className != null && className.equals(System.getProperty(FAIL_REWRITE_PROPERTY))) {
                    throw new IllegalStateException("rewrite failure provoked by -D" + FAIL_REWRITE_PROPERTY + "=" + className);
                }
                byte[] out = rewriter.rewrite(classFile, loader).bytes();
                if (out != null && verify) {
                    String problem = Verification.checkStructure(out);
                    if (!problem.isEmpty()) {
                        throw new IllegalStateException("rewritten class fails CheckClassAdapter: " + problem);
                    }
                }
                return out;
            } catch (Throwable t) {
                Diagnostics.failed(className, t);
                try {
                    return rewriter.refuseAll(classFile, loader, "the jawait agent failed to rewrite this"
                            + " method (" + t + "); please report it with the class file");
                } catch (Throwable again) {
                    Diagnostics.failed(className, again);
                    return null; // un-rewritten awaits still fail loudly: Asyncio.await throws
                }
            }
        }
    }
}
