package io.github.jawait.agent.rewrite;

import io.github.jawait.agent.plan.StateMachinePlan;
import io.github.jawait.agent.plan.SuspensionPoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * A planned method copied before the emitter rewrites it in place, with its plan pointing at
 * the copy's awaits: one analysis and one plan serve both the resume method and the direct
 * variant ({@link StateMachineEmitter#emitDirect}).
 */
public record MethodCopy(MethodNode method, StateMachinePlan plan) {

    public static MethodCopy of(MethodNode m, StateMachinePlan plan) {
        Map<LabelNode, LabelNode> labels = new HashMap<>();
        for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof LabelNode l) {
                labels.put(l, new LabelNode());
            }
        }
        Map<AbstractInsnNode, AbstractInsnNode> copies = new IdentityHashMap<>();
        InsnList code = new InsnList();
        for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
            AbstractInsnNode c = n.clone(labels);
            copies.put(n, c);
            code.add(c);
        }
        MethodNode copy = new MethodNode(m.access, m.name, m.desc, m.signature,
                m.exceptions == null ? null : m.exceptions.toArray(new String[0]));
        copy.instructions = code;
        copy.maxLocals = m.maxLocals;
        copy.maxStack = m.maxStack;
        copy.tryCatchBlocks = new ArrayList<>();
        for (TryCatchBlockNode t : m.tryCatchBlocks) {
            copy.tryCatchBlocks.add(new TryCatchBlockNode(labels.get(t.start), labels.get(t.end),
                    labels.get(t.handler), t.type));
        }
        if (m.localVariables != null) {
            copy.localVariables = new ArrayList<>();
            for (LocalVariableNode v : m.localVariables) {
                copy.localVariables.add(new LocalVariableNode(v.name, v.desc, v.signature, labels.get(v.start),
                        labels.get(v.end), v.index));
            }
        }
        List<SuspensionPoint> points = new ArrayList<>();
        for (SuspensionPoint p : plan.points()) {
            points.add(new SuspensionPoint((MethodInsnNode) copies.get(p.await()), p.label(), p.line(),
                    p.locals(), p.stack()));
        }
        return new MethodCopy(copy, new StateMachinePlan(points, plan.parameters(), plan.refCount(),
                plan.primCount(), plan.pointRefCount(), plan.pointPrimCount(), plan.unnameable(), plan.shape()));
    }
}
