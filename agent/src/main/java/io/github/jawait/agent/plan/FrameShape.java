package io.github.jawait.agent.plan;

import io.github.jawait.agent.Names;

/**
 * The runtime frame class a method's calls allocate, chosen by the values it must keep: the
 * receiver and arguments the factory stores, and the largest single await's live values.
 * <ul>
 * <li>nothing to keep: {@code CoroutineFrame} itself (32 bytes);
 * <li>up to {@value #MAX_INLINE_REFS} references and {@value #MAX_INLINE_PRIMS} primitives: an
 * inline shape {@code InlineFrames$R<n>P<m>} with fields {@code r0..} and {@code p0..}, one
 * allocation per call and plain field accesses (references rounded up to a pair, which costs
 * no byte: two 4-byte references fill one 8-byte step);
 * <li>more: {@code ArrayFrame}, whose {@code refs}/{@code prims} arrays are as long as the need.
 * </ul>
 * {@code refFields}/{@code primFields} are how many fields the shape has; the method uses the
 * first {@code refCount}/{@code primCount} of them (the plan's counts).
 */
public record FrameShape(String internalName, int refFields, int primFields, boolean arrays) {
    public static final int MAX_INLINE_REFS = 4;
    public static final int MAX_INLINE_PRIMS = 2;

    /** The smallest shape that keeps {@code refCount} references and {@code primCount} primitives. */
    public static FrameShape choose(int refCount, int primCount) {
        if (refCount > MAX_INLINE_REFS || primCount > MAX_INLINE_PRIMS) {
            return new FrameShape(Names.ARRAY_FRAME, 0, 0, true);
        }
        if (refCount == 0 && primCount == 0) {
            return new FrameShape(Names.FRAME, 0, 0, false);
        }
        int refs = refCount == 0 ? 0 : refCount <= 2 ? 2 : 4;
        String name = (refs > 0 ? "R" + refs : "") + (primCount > 0 ? "P" + primCount : "");
        return new FrameShape(Names.INLINE_FRAMES + "$" + name, refs, primCount, false);
    }

    /** Whether values live in fields of the shape ({@link #refField}, {@link #primField}). */
    public boolean inline() {
        return !arrays;
    }

    public String refField(int slot) {
        return "r" + slot;
    }

    public String primField(int slot) {
        return "p" + slot;
    }

    public String constructorDesc() {
        return arrays ? Names.ARRAY_FRAME_INIT_DESC : Names.FRAME_INIT_DESC;
    }
}
