package io.github.jawait.agent;

/** Internal names and descriptors of the runtime API the rewritten code calls. */
public final class Names {
    private Names() {
    }

    public static final String ASYNC_ANNOTATION = "Lio/github/jawait/Async;";
    public static final String ASYNCIO = "io/github/jawait/Asyncio";
    public static final String COROUTINE = "io/github/jawait/Coroutine";
    public static final String COROUTINE_DESC = "L" + COROUTINE + ";";
    public static final String ASYNC_GENERATOR_DESC = "Lio/github/jawait/AsyncGenerator;";

    public static final String FRAME = "io/github/jawait/core/CoroutineFrame";
    public static final String FRAME_DESC = "L" + FRAME + ";";
    public static final String ASYNC_METHOD = "io/github/jawait/core/AsyncMethod";
    public static final String STATE_MACHINE = "io/github/jawait/core/StateMachine";
    /** Entry points of direct calls: {@code await(f(args))} of a static @Async method of the same class. */
    public static final String DIRECT_CALL = "io/github/jawait/core/DirectCall";

    public static final String RESUME_DESC = "(" + FRAME_DESC + ")V";
    /** The array shape's constructor: method, refs length, prims length. */
    public static final String ARRAY_FRAME = "io/github/jawait/core/ArrayFrame";
    public static final String ARRAY_FRAME_INIT_DESC = "(L" + ASYNC_METHOD + ";II)V";
    /** The constructor of the base frame and of every inline shape: the method only. */
    public static final String FRAME_INIT_DESC = "(L" + ASYNC_METHOD + ";)V";
    /** Holder of the inline shapes: {@code InlineFrames$R2} and so on. */
    public static final String INLINE_FRAMES = "io/github/jawait/core/InlineFrames";

    public static final String ASYNC_GENERATOR = "io/github/jawait/AsyncGenerator";
    public static final String ASYNC_CLOSEABLE = "io/github/jawait/AsyncCloseable";
    public static final String AWAITABLE_DESC = "Lio/github/jawait/Awaitable;";

    public static boolean isEmit(String owner, String name) {
        return ASYNCIO.equals(owner) && "emit".equals(name);
    }

    public static boolean isAwait(String owner, String name) {
        return ASYNCIO.equals(owner) && "await".equals(name);
    }

    public static boolean isResult(String owner, String name, String desc) {
        return ASYNCIO.equals(owner) && "result".equals(name)
                && ("(Ljava/lang/Object;)" + COROUTINE_DESC).equals(desc);
    }
}
