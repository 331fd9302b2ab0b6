package io.github.jawait.core;

/**
 * The frame shapes of methods that save few values across their awaits: typed fields instead
 * of arrays, so a call allocates one object, with no array header, bounds check or dead
 * argument array. {@code R}<i>n</i> holds <i>n</i> references ({@code r0..}), {@code P}<i>m</i>
 * holds <i>m</i> primitives as raw bits widened to long ({@code p0..}, never boxed).
 *
 * <p>References come in pairs: with compressed pointers a frame is 32 bytes, a pair of 4-byte
 * references fills the next 8-byte step, so one reference alone would cost as much as two.
 * The agent picks the smallest shape that holds the method's largest need (the parameters
 * the factory stores, or any one await's live values); a method past 4 references or 2
 * primitives gets an {@link ArrayFrame}. Sizes (compressed oops, JDK 17): {@code R2}, {@code P1}
 * 40 B; {@code R4}, {@code P2}, {@code R2P1} 48 B; {@code R4P1}, {@code R2P2} 56 B;
 * {@code R4P2} 64 B.
 *
 * <p>Generated code reads and writes the public fields directly (the shape's own class as the
 * field owner, so every access is a plain field access); nothing else should, except the
 * runtime's hand-written coroutines, which use {@link R2}.
 */
public final class InlineFrames {
    private InlineFrames() {
    }

    /** Two references. */
    public static class R2<T> extends CoroutineFrame<T> {
        public Object r0;
        public Object r1;

        public R2(AsyncMethod method) {
            super(method);
        }

        @Override
        void clearReferences() {
            r0 = null;
            r1 = null;
        }
    }

    /** Four references. */
    public static class R4<T> extends R2<T> {
        public Object r2;
        public Object r3;

        public R4(AsyncMethod method) {
            super(method);
        }

        @Override
        void clearReferences() {
            super.clearReferences();
            r2 = null;
            r3 = null;
        }
    }

    /** One primitive. */
    public static class P1<T> extends CoroutineFrame<T> {
        public long p0;

        public P1(AsyncMethod method) {
            super(method);
        }
    }

    /** Two primitives. */
    public static final class P2<T> extends P1<T> {
        public long p1;

        public P2(AsyncMethod method) {
            super(method);
        }
    }

    /** Two references and one primitive. */
    public static class R2P1<T> extends R2<T> {
        public long p0;

        public R2P1(AsyncMethod method) {
            super(method);
        }
    }

    /** Two references and two primitives. */
    public static final class R2P2<T> extends R2P1<T> {
        public long p1;

        public R2P2(AsyncMethod method) {
            super(method);
        }
    }

    /** Four references and one primitive. */
    public static class R4P1<T> extends R4<T> {
        public long p0;

        public R4P1(AsyncMethod method) {
            super(method);
        }
    }

    /** Four references and two primitives. */
    public static final class R4P2<T> extends R4P1<T> {
        public long p1;

        public R4P2(AsyncMethod method) {
            super(method);
        }
    }
}
