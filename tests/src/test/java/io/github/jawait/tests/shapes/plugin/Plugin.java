package io.github.jawait.tests.shapes.plugin;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;

/**
 * Loaded by ShapeClassLoaderTest through a class loader whose getResource finds nothing (as in
 * plugin systems), so the agent cannot read PluginA's or PluginB's superclass.
 */
public final class Plugin {
    private Plugin() {
    }

    /** Not @Async: javac's frame here says PluginBase; recomputed without the hierarchy it would be Object. */
    public static String choose(boolean first) {
        PluginBase p = first ? new PluginA() : new PluginB();
        return p.name();
    }

    /** Rewritten: no merge of plugin classes. */
    @Async
    public static Coroutine<String> fetch(boolean first) {
        PluginBase p = first ? (PluginBase) new PluginA() : (PluginBase) new PluginB();
        String n = await(later(p.name()));
        return result("fetched " + n + " " + choose(!first));
    }

    /** Merges PluginA and PluginB: their superclass cannot be read; javac's frame says PluginBase. */
    @Async
    public static Coroutine<String> chooseLater(boolean first) {
        PluginBase p = first ? new PluginA() : new PluginB();
        await(sleep(0.1));
        return result(p.name());
    }

    /** After the if, one slot held a PluginA or a PluginB: out of scope, javac's frame says top. */
    @Async
    public static Coroutine<String> scoped(boolean first) {
        String n;
        if (first) {
            PluginA a = new PluginA();
            n = a.name();
        } else {
            PluginB b = new PluginB();
            n = b.name();
        }
        return result(n + await(later("!")));
    }

    @Async
    static Coroutine<String> later(String s) {
        await(sleep(0.1));
        return result(s);
    }
}
