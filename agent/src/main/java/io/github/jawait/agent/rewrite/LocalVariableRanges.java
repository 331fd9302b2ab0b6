package io.github.jawait.agent.rewrite;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The resume method's LocalVariableTable, made true for debuggers. A frame carries across an
 * await only the locals live there; one that is in scope but dead (a parameter read only before
 * the await) holds whatever the slot held on re-entry, often the frame itself. Its range is cut
 * at each await that does not carry it, and starts again at its next store after the await,
 * so a debugger shows it where it has its value and nowhere else (instead of a wrong value, or
 * JDWP's INVALID_SLOT when the slot now holds a reference).
 */
final class LocalVariableRanges {
    /** One rewritten await: where its suspend path begins, where both paths meet, the slots it carries. */
    record Await(LabelNode suspendStart, LabelNode resumed, Set<Integer> carried) {
    }

    private LocalVariableRanges() {
    }

    static List<LocalVariableNode> trim(InsnList code, List<LocalVariableNode> variables, List<Await> awaits) {
        if (variables == null || awaits.isEmpty()) {
            return variables;
        }
        List<LocalVariableNode> out = new ArrayList<>();
        for (LocalVariableNode v : variables) {
            LabelNode segmentStart = v.start;
            for (Await a : sorted(code, awaits)) {
                if (segmentStart == null) {
                    break;
                }
                int at = code.indexOf(a.suspendStart());
                if (a.carried().contains(v.index) || at <= code.indexOf(segmentStart) || at >= code.indexOf(v.end)) {
                    continue;
                }
                out.add(new LocalVariableNode(v.name, v.desc, v.signature, segmentStart, a.suspendStart(), v.index));
                segmentStart = nextStore(code, a.resumed(), v);
            }
            if (segmentStart != null) {
                out.add(segmentStart == v.start ? v
                        : new LocalVariableNode(v.name, v.desc, v.signature, segmentStart, v.end, v.index));
            }
        }
        return out;
    }

    private static List<Await> sorted(InsnList code, List<Await> awaits) {
        List<Await> s = new ArrayList<>(awaits);
        s.sort((x, y) -> Integer.compare(code.indexOf(x.suspendStart()), code.indexOf(y.suspendStart())));
        return s;
    }

    /** A label just after the first store to {@code v}'s slot between {@code from} and its end, or null. */
    private static LabelNode nextStore(InsnList code, LabelNode from, LocalVariableNode v) {
        for (AbstractInsnNode n = from; n != null && n != v.end; n = n.getNext()) {
            if (n instanceof VarInsnNode store && store.var == v.index
                    && store.getOpcode() >= Opcodes.ISTORE && store.getOpcode() <= Opcodes.ASTORE) {
                LabelNode after = new LabelNode();
                code.insert(n, after);
                return after;
            }
        }
        return null;
    }
}
