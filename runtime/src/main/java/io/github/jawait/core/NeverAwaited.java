package io.github.jawait.core;

import java.lang.invoke.MethodHandle;
import java.lang.ref.Cleaner;

/**
 * Debug mode's check for a coroutine created and dropped without ever being awaited or
 * scheduled (asyncio's "coroutine ... was never awaited" RuntimeWarning). While it is on, each
 * new frame walks the stack for its creation site and is registered with a {@link Cleaner};
 * the frame keeps its {@link Watch} in its unused result slot until it first runs or is taken
 * by a task. When a frame is collected while its watch still says "never started", the
 * warning is logged (from the cleaner's thread, as Python reports it at garbage collection).
 *
 * <p>Frames do not know their loop when they are made, so the check is process-wide: on with
 * {@code -Djawait.debug=true}, or while some loop is in debug mode ({@code loop.setDebug(true)}
 * until it is turned off or the loop closes). Off, a new frame tests one static boolean.
 */
public final class NeverAwaited {
    private static final System.Logger LOG = System.getLogger("io.github.jawait");

    /** Whether new frames are watched; read once per frame by its constructor. */
    /** On while some loop is in debug mode (or {@code -Djawait.debug=true}): read as a constant. */
    private static final ConstantSwitch SWITCH = new ConstantSwitch(Boolean.getBoolean("jawait.debug"));
    private static final MethodHandle ON = SWITCH.reader;
    /** Loops in debug mode now. */
    private static int debugLoops;

    /**
     * Whether some loop is in debug mode: every frame's constructor and every task's creation
     * test it, and while no loop is, the compiled test is gone.
     */
    public static boolean on() {
        return ConstantSwitch.read(ON);
    }

    private NeverAwaited() {
    }

    /** A loop entered debug mode: frames made from now on are watched. */
    public static synchronized void enable() {
        debugLoops++;
        SWITCH.set(true);
    }

    /** A loop left debug mode (or closed): the watch ends with the last one, unless {@code -Djawait.debug=true}. */
    public static synchronized void disable() {
        debugLoops--;
        SWITCH.set(debugLoops > 0 || Boolean.getBoolean("jawait.debug"));
    }

    /** The shared state of a watched frame and its cleaner action: must not refer to the frame. */
    static final class Watch implements Runnable {
        private final String name;
        private final String site;
        volatile boolean started;

        Watch(String name, String site) {
            this.name = name;
            this.site = site;
        }

        /** The cleaner's action: the frame is gone. */
        @Override
        public void run() {
            if (!started) {
                LOG.log(System.Logger.Level.WARNING, message(name, site));
            }
        }
    }

    /** The warning's text, asyncio's with the creation site. */
    static String message(String name, String site) {
        return "coroutine " + name + " was never awaited" + (site != null ? "; created at " + site : "");
    }

    private static final class Holder {
        static final Cleaner CLEANER = Cleaner.create();
    }

    /** Called by a frame's constructor while {@link #on}: the watch to keep in its slot. */
    static Watch watch(CoroutineFrame<?> frame, AsyncMethod method) {
        Watch w = new Watch(method.name, CreationSite.find(method.name));
        Holder.CLEANER.register(frame, w);
        return w;
    }
}
