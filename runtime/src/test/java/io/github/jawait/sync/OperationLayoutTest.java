package io.github.jawait.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bytes a primitive's operation costs (one per handoff through a {@code Queue}), computed from
 * its fields as HotSpot lays them out by default, as {@code TaskLayoutTest} does for tasks: a new
 * field shows up here with what it costs.
 */
class OperationLayoutTest {

    @Test
    void anOperationIsFourReferencesAndAByte() {
        List<String> fields = new ArrayList<>();
        int references = 0;
        int bytes = 0;
        for (Class<?> k = Operation.class; k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                fields.add(f.getName());
                if (f.getType() == byte.class) {
                    bytes++;
                } else {
                    assertEquals(false, f.getType().isPrimitive(), f + ": only references and the state byte");
                    references++;
                }
            }
        }
        // the state byte sits in the header's spare 4 bytes; references are 4 bytes (compressed oops)
        assertEquals(List.of("begin", "state", "value", "task", "next"), fields);
        assertEquals(1, bytes);
        int size = 12 + 4 + 4 * references;
        assertEquals(32, (size + 7) & ~7, "an Operation is 32 bytes: " + fields);
    }
}
