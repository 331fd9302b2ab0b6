package io.github.jawait.core;

import io.github.jawait.AsyncGenerator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The async generators each loop has started and not yet seen finish, asyncio's
 * {@code loop._asyncgens}: {@code EventLoop.shutdownAsyncgens()} closes the ones still paused
 * at an emit, so that their {@code finally} blocks run before the loop closes. Weak on both
 * sides: a generator (or loop) nobody references any more is simply forgotten, as in asyncio.
 * Internal, like {@link TaskAccess}.
 */
public final class OpenGenerators {
    private static final Map<Object, Set<FrameGenerator<?>>> BY_LOOP = Collections.synchronizedMap(new WeakHashMap<>());

    private OpenGenerators() {
    }

    static void started(Object loop, FrameGenerator<?> g) {
        BY_LOOP.computeIfAbsent(loop, k -> Collections.newSetFromMap(new WeakHashMap<>())).add(g);
    }

    static void ended(Object loop, FrameGenerator<?> g) {
        Set<FrameGenerator<?>> open = BY_LOOP.get(loop);
        if (open != null) {
            open.remove(g);
        }
    }

    /** The generators {@code loop} started that are paused at an emit; forgets them all. */
    public static List<AsyncGenerator<?>> takePaused(Object loop) {
        Set<FrameGenerator<?>> open = BY_LOOP.remove(loop);
        List<AsyncGenerator<?>> paused = new ArrayList<>();
        if (open != null) {
            for (FrameGenerator<?> g : open) {
                if (g.pausedAtEmit()) {
                    paused.add(g);
                }
            }
        }
        return paused;
    }
}
