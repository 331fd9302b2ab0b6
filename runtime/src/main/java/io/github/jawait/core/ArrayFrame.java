package io.github.jawait.core;

/**
 * The frame shape of a method that saves more values across its awaits than an
 * {@link InlineFrames inline shape} holds: references in {@link #refs}, primitives as raw bits
 * in {@link #prims}, each array as long as the method's largest single need.
 *
 * <p>Generated code reads and writes the public fields directly; nothing else should.
 */
public final class ArrayFrame<T> extends CoroutineFrame<T> {
    static final Object[] NO_REFS = new Object[0];
    static final long[] NO_PRIMS = new long[0];

    /**
     * Spilled references: {@code this}, parameters, live locals and stack entries. Replaced by
     * an empty array once the arguments are restored if no await saves a reference
     * ({@link StateMachine#argumentsRestored}).
     */
    public Object[] refs;
    /** Spilled primitives, raw bits widened to long (no boxing); dropped like {@link #refs}. */
    public long[] prims;

    /** Called by the rewritten {@code @Async} method: allocates the coroutine, runs nothing. */
    public ArrayFrame(AsyncMethod method, int refCount, int primCount) {
        super(method);
        this.refs = refCount == 0 ? NO_REFS : new Object[refCount];
        this.prims = primCount == 0 ? NO_PRIMS : new long[primCount];
    }

    @Override
    void clearReferences() {
        if (refs.length > 0) {
            java.util.Arrays.fill(refs, null);
        }
    }
}
