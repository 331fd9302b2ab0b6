package io.github.jawait.agent.plan;

import java.util.List;
import org.objectweb.asm.tree.MethodInsnNode;

/**
 * One {@code await} of the method: its resume {@code label} (1, 2, ...), its source line, the
 * locals live across it and the operand-stack entries under the awaitable (bottom first).
 */
public record SuspensionPoint(MethodInsnNode await, int label, int line, List<Spill> locals, List<Spill> stack) {

    /** How many reference slots this await fills (slots 0 to n - 1). */
    public int refSlots() {
        int n = 0;
        for (List<Spill> spills : List.of(locals, stack)) {
            for (Spill s : spills) {
                if (s.inRefs()) {
                    n++;
                }
            }
        }
        return n;
    }
}
