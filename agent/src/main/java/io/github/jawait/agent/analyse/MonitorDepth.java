package io.github.jawait.agent.analyse;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.LabelNode;

/**
 * How many monitors ({@code synchronized} blocks) are held before each instruction. An await
 * while a monitor is held cannot be allowed: the loop thread would carry the lock into other
 * tasks, and the resumed code would exit a monitor it no longer holds.
 */
public final class MonitorDepth {
    private MonitorDepth() {
    }

    /** Depth before each instruction; -1 where unreachable. */
    public static int[] compute(MethodNode m) {
        InsnList insns = m.instructions;
        int[] depth = new int[insns.size()];
        Arrays.fill(depth, -1);
        if (insns.size() == 0) {
            return depth;
        }
        Deque<Integer> work = new ArrayDeque<>();
        depth[0] = 0;
        work.push(0);
        while (!work.isEmpty()) {
            int i = work.pop();
            AbstractInsnNode insn = insns.get(i);
            int d = depth[i];
            int after = d + (insn.getOpcode() == Opcodes.MONITORENTER ? 1
                    : insn.getOpcode() == Opcodes.MONITOREXIT ? -1 : 0);
            // an instruction that throws has not changed the monitors: the handler sees depth d
            // (a monitorenter that throws acquired nothing, a monitorexit that throws released
            // nothing). Handlers are tried in table order and a catch-all ends the search, as in
            // the JVM: the catch-all javac and ECJ put around a synchronized body is the only
            // handler its instructions reach, not the try/catch around the whole block.
            for (TryCatchBlockNode tcb : m.tryCatchBlocks) {
                int start = insns.indexOf(tcb.start);
                int end = insns.indexOf(tcb.end);
                if (i >= start && i < end) {
                    flow(insns.indexOf(tcb.handler), d, depth, work);
                    if (catchesEverything(tcb)) {
                        break;
                    }
                }
            }
            if (insn instanceof JumpInsnNode j) {
                flow(insns.indexOf(j.label), after, depth, work);
                if (insn.getOpcode() == Opcodes.GOTO) {
                    continue;
                }
            } else if (insn instanceof TableSwitchInsnNode ts) {
                flow(insns.indexOf(ts.dflt), after, depth, work);
                for (LabelNode l : ts.labels) {
                    flow(insns.indexOf(l), after, depth, work);
                }
                continue;
            } else if (insn instanceof LookupSwitchInsnNode ls) {
                flow(insns.indexOf(ls.dflt), after, depth, work);
                for (LabelNode l : ls.labels) {
                    flow(insns.indexOf(l), after, depth, work);
                }
                continue;
            } else if (isExit(insn.getOpcode())) {
                continue;
            }
            if (i + 1 < insns.size()) {
                flow(i + 1, after, depth, work);
            }
        }
        return depth;
    }

    private static boolean catchesEverything(TryCatchBlockNode tcb) {
        return tcb.type == null || "java/lang/Throwable".equals(tcb.type);
    }

    private static void flow(int target, int d, int[] depth, Deque<Integer> work) {
        if (d > depth[target] && d < 256) { // valid code never nests 256 monitors
            depth[target] = d;
            work.push(target);
        }
    }

    private static boolean isExit(int op) {
        return (op >= Opcodes.IRETURN && op <= Opcodes.RETURN) || op == Opcodes.ATHROW
                || op == Opcodes.RET;
    }
}
