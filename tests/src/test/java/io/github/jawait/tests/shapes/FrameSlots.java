package io.github.jawait.tests.shapes;

import io.github.jawait.core.ArrayFrame;
import io.github.jawait.core.CoroutineFrame;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * A frame's saved values, whatever its shape, for tests that look inside a suspended frame:
 * an {@link ArrayFrame}'s arrays as they are, an inline shape's fields {@code r0..} and
 * {@code p0..} (all of the shape's fields, unused ones included) read by reflection.
 */
final class FrameSlots {
    private FrameSlots() {
    }

    static Object[] refs(Object coroutine) {
        if (coroutine instanceof ArrayFrame<?> a) {
            return a.refs;
        }
        List<Field> fields = fields(coroutine, 'r');
        Object[] out = new Object[fields.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = get(fields.get(i), coroutine);
        }
        return out;
    }

    static long[] prims(Object coroutine) {
        if (coroutine instanceof ArrayFrame<?> a) {
            return a.prims;
        }
        List<Field> fields = fields(coroutine, 'p');
        long[] out = new long[fields.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (Long) get(fields.get(i), coroutine);
        }
        return out;
    }

    /** Fields {@code <prefix>0, <prefix>1, ...} of the frame's class and its superclasses, in order. */
    private static List<Field> fields(Object coroutine, char prefix) {
        List<Field> out = new ArrayList<>();
        for (int i = 0; ; i++) {
            Field f = find(coroutine.getClass(), prefix + Integer.toString(i));
            if (f == null) {
                return out;
            }
            out.add(f);
        }
    }

    private static Field find(Class<?> c, String name) {
        for (; c != null && c != CoroutineFrame.class.getSuperclass(); c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // declared further up, or not at all
            }
        }
        return null;
    }

    private static Object get(Field f, Object o) {
        try {
            return f.get(o);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
