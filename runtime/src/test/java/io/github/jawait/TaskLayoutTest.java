package io.github.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jawait.loop.TimerHeap;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bytes a task costs, computed from its declared fields as HotSpot lays them out by default
 * (12-byte header with compressed class pointers, 4-byte references with compressed oops, the
 * header's spare 4 bytes filled with the small fields, objects 8-byte aligned). Not JOL: this
 * checks the field list, so that a new field in a task shows up here with what it costs
 * (`Macro jawait footprint` measures the real layout).
 */
class TaskLayoutTest {

    @Test
    void aPlainTaskIs40Bytes() {
        assertEquals(40, bytes(Task.class), fields(Task.class).toString());
    }

    @Test
    void aNamedTaskPaysForItsNameAlone() {
        assertEquals(48, bytes(Task.Named.class), fields(Task.Named.class).toString());
    }

    @Test
    void aPendingCompletionKeepsItsWaitersInItsValueField() {
        // one field for the waiters while pending and the outcome once done
        assertEquals(List.of("loop", "state", "flags", "value"), fields(Completion.class));
    }

    @Test
    void aTaskCreatedWithANameIsNamedAndOneWithoutIsPlain() {
        EventLoop loop = new EventLoop(new VirtualClock());
        try {
            Task<Integer> plain = loop.createTask(Asyncio.result(1));
            Task<Integer> named = loop.createTask(Asyncio.result(2), "two");
            assertEquals(Task.class, plain.getClass());
            assertEquals(Task.Named.class, named.getClass());
            assertEquals("two", named.getName());
            plain.setName("renamed");
            assertEquals("renamed", plain.getName());
            plain.setName(null);
            assertEquals("Task-" + plain.id(), plain.getName());
            assertEquals(plain.id() + 1, named.id()); // numbered in creation order, named or not
            loop.runUntilComplete(Asyncio.sleep(0.0, "turn"));
            assertEquals(1, plain.result());
            assertEquals(2, named.result());
        } finally {
            loop.close();
        }
    }

    @Test
    void theTimerFifoHoldsAnIntOffsetAndAnEntryPerTimerAndNoNumber() throws ClassNotFoundException {
        // 8 bytes per timer: the deadline is the segment's base plus an unsigned int offset
        Class<?> segment = Class.forName(TimerHeap.class.getName() + "$Segment");
        List<String> arrays = new ArrayList<>();
        for (Field f : segment.getDeclaredFields()) {
            if (f.getType().isArray()) {
                arrays.add(f.getType().getComponentType().getSimpleName());
            }
        }
        assertEquals(List.of("int", "TimerEntry"), arrays);
    }

    private static List<String> fields(Class<?> c) {
        List<String> names = new ArrayList<>();
        for (Field f : c.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                names.add(f.getName());
            }
        }
        return names;
    }

    private static int bytes(Class<?> c) {
        int small = 0;
        int words = 0;
        for (Class<?> k = c; k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                Class<?> t = f.getType();
                if (t == byte.class || t == boolean.class) {
                    small += 1;
                } else if (t == short.class || t == char.class) {
                    small += 2;
                } else if (t == long.class || t == double.class) {
                    words += 8;
                } else {
                    words += 4; // int, float, a compressed reference
                }
            }
        }
        int size = 12 + Math.max(small, 4) + words;
        if (small > 4) {
            size = 12 + small + words; // a lower bound: the small fields overflow the header gap
        }
        return (size + 7) & ~7;
    }
}
