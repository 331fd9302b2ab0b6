package io.github.jawait;

import java.util.IdentityHashMap;
import java.util.function.Supplier;

/**
 * {@code toString} of objects that can contain themselves, as asyncio's reprs do with
 * {@code reprlib.recursive_repr}: a task whose result is the task itself (or a cycle of tasks
 * and futures holding each other) prints {@code ...} where it recurs, instead of overflowing
 * the stack.
 */
final class RecursiveRepr {
    /** The objects being printed on this thread. */
    private static final ThreadLocal<IdentityHashMap<Object, Boolean>> PRINTING =
            ThreadLocal.withInitial(IdentityHashMap::new);

    private RecursiveRepr() {
    }

    /** {@code repr.get()}, or {@code ...} when {@code self} is already being printed by this thread. */
    static String of(Object self, Supplier<String> repr) {
        IdentityHashMap<Object, Boolean> printing = PRINTING.get();
        if (printing.put(self, Boolean.TRUE) != null) {
            return "...";
        }
        try {
            return repr.get();
        } finally {
            printing.remove(self);
        }
    }
}
