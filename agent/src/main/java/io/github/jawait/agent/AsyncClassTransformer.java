package io.github.jawait.agent;

import io.github.jawait.agent.scan.CheapScan;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;

/**
 * The agent's {@link ClassFileTransformer}. The JVM silently ignores a transformer that
 * throws and loads the original class, which would run {@code @Async} bodies un-rewritten; so
 * nothing escapes here: a failure is logged and the affected methods are made to throw it.
 */
public final class AsyncClassTransformer implements ClassFileTransformer {
    /**
     * Test hook: the internal name of a class whose rewrite throws inside this transformer, so a
     * test can show that such a failure stays confined to that class's {@code @Async} methods.
     */
    public static final String FAIL_REWRITE_PROPERTY = "jawait.agent.test.failRewriteOf";

    private final ClassRewriter rewriter = new ClassRewriter();
    private final boolean verify;

    public AsyncClassTransformer(boolean verify) {
        this.verify = verify;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classFile) {
        if (className != null && !CheapScan.eligibleName(className)) {
            return null;
        }
        if (!CheapScan.mentionsJawait(classFile)) {
            return null;
        }
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
