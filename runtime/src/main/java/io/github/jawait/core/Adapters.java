package io.github.jawait.core;

import io.github.jawait.spi.AwaitableAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the {@link AwaitableAdapter} for a class that is neither a jawait awaitable nor a
 * {@code CompletionStage}. The adapters are loaded once, on the first such await; the answer for
 * each class is kept in a {@link ClassValue}, so an await of a foreign future costs one lookup
 * and jawait's own awaits never come here (only the path that used to say "cannot await" does).
 */
public final class Adapters {
    private static final AwaitableAdapter NONE = new AwaitableAdapter() {
        @Override
        public boolean supports(Class<?> type) {
            return false;
        }

        @Override
        public io.github.jawait.Awaitable<?> adapt(Object future) {
            throw new UnsupportedOperationException();
        }
    };

    private static final ClassValue<AwaitableAdapter> FOR_CLASS = new ClassValue<>() {
        @Override
        protected AwaitableAdapter computeValue(Class<?> type) {
            for (AwaitableAdapter a : Loaded.ADAPTERS) {
                if (a.supports(type)) {
                    return a;
                }
            }
            return NONE;
        }
    };

    /** Holder: the service loader runs when the first foreign object is awaited, not before. */
    private static final class Loaded {
        static final List<AwaitableAdapter> ADAPTERS = load();

        private static List<AwaitableAdapter> load() {
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            if (cl == null) {
                cl = AwaitableAdapter.class.getClassLoader();
            }
            List<AwaitableAdapter> found = new ArrayList<>();
            try {
                for (AwaitableAdapter a : ServiceLoader.load(AwaitableAdapter.class, cl)) {
                    found.add(a);
                }
            } catch (ServiceConfigurationError e) {
                System.getLogger("io.github.jawait").log(System.Logger.Level.ERROR,
                        "an AwaitableAdapter listed in META-INF/services could not be loaded", e);
            }
            return List.copyOf(found);
        }
    }

    private Adapters() {
    }

    /** The adapter for {@code type}, or null if no registered adapter supports it. */
    public static AwaitableAdapter forClass(Class<?> type) {
        AwaitableAdapter a = FOR_CLASS.get(type);
        return a == NONE ? null : a;
    }

    /** The message of an await of something nothing can await. */
    public static String cannotAwait(Object aw) {
        return "cannot await " + aw.getClass().getName() + ": await takes a jawait Awaitable, a"
                + " CompletionStage, or an object an io.github.jawait.spi.AwaitableAdapter supports"
                + " (none is registered for this class)";
    }
}
