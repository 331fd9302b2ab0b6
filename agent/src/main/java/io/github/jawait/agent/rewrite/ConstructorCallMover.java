package io.github.jawait.agent.rewrite;

import io.github.jawait.agent.Diagnostics;
import io.github.jawait.agent.Names;
import io.github.jawait.agent.RewriteRefusal;
import io.github.jawait.agent.analyse.TypeValue;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Rewrite pre-pass for {@code new Foo(await(x))}: an object between {@code new} and its
 * constructor call cannot be saved in a frame, so its {@code new; dup} moves to just before the
 * constructor call, after the arguments are computed (they are parked in fresh locals).
 * Behaviour is unchanged: allocation has no visible effect until the constructor runs.
 */
public final class ConstructorCallMover {
    private ConstructorCallMover() {
    }

    /** Returns true if it moved anything (the method must then be analysed again). */
    public static boolean moveAcrossAwaits(MethodNode m, Frame<TypeValue>[] frames) throws RewriteRefusal {
        Set<AbstractInsnNode> news = new LinkedHashSet<>();
        for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof MethodInsnNode call && Names.isAwait(call.owner, call.name)) {
                Frame<TypeValue> f = frames[m.instructions.indexOf(n)];
                if (f == null) {
                    continue;
                }
                for (int i = 0; i < f.getStackSize(); i++) {
                    TypeValue v = f.getStack(i);
                    if (v.kind == TypeValue.Kind.UNINITIALIZED) {
                        news.add(v.newInsn);
                    }
                }
            }
        }
        if (news.isEmpty()) {
            return false;
        }
        // each move inserts instructions, shifting indices: look frames up by node, not by index
        Map<AbstractInsnNode, Frame<TypeValue>> frameOf = new IdentityHashMap<>();
        for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
            frameOf.put(n, frames[m.instructions.indexOf(n)]);
        }
        for (AbstractInsnNode newInsn : news) {
            move(m, frameOf, (TypeInsnNode) newInsn);
        }
        return true;
    }

    private static void move(MethodNode m, Map<AbstractInsnNode, Frame<TypeValue>> frames, TypeInsnNode newInsn)
            throws RewriteRefusal {
        AbstractInsnNode dup = newInsn.getNext();
        if (dup == null || dup.getOpcode() != Opcodes.DUP) {
            throw new RewriteRefusal("await inside the arguments of 'new " + newInsn.desc.replace('/', '.')
                    + "(...)' compiled in a shape other than new/dup; await into a local variable first",
                    Diagnostics.lineOf(newInsn));
        }
        InsnList insns = m.instructions;
        boolean found = false;
        for (AbstractInsnNode n = insns.getFirst(); n != null; n = n.getNext()) {
            if (n.getOpcode() != Opcodes.INVOKESPECIAL || !"<init>".equals(((MethodInsnNode) n).name)) {
                continue;
            }
            Frame<TypeValue> f = frames.get(n);
            if (f == null) {
                continue;
            }
            Type[] args = Type.getArgumentTypes(((MethodInsnNode) n).desc);
            TypeValue receiver = f.getStack(f.getStackSize() - args.length - 1);
            if (receiver.kind != TypeValue.Kind.UNINITIALIZED || receiver.newInsn != newInsn) {
                continue;
            }
            found = true;
            InsnList before = new InsnList();
            int[] temps = new int[args.length];
            int next = m.maxLocals;
            for (int i = 0; i < args.length; i++) {
                temps[i] = next;
                next += args[i].getSize();
            }
            m.maxLocals = next;
            for (int i = args.length - 1; i >= 0; i--) {
                before.add(new VarInsnNode(args[i].getOpcode(Opcodes.ISTORE), temps[i]));
            }
            before.add(new TypeInsnNode(Opcodes.NEW, newInsn.desc));
            before.add(new InsnNode(Opcodes.DUP));
            for (int i = 0; i < args.length; i++) {
                before.add(new VarInsnNode(args[i].getOpcode(Opcodes.ILOAD), temps[i]));
            }
            insns.insertBefore(n, before);
        }
        if (!found) {
            throw new RewriteRefusal("cannot find the constructor call of 'new " + newInsn.desc.replace('/', '.')
                    + "' around an await; await into a local variable first", Diagnostics.lineOf(newInsn));
        }
        insns.remove(dup);
        insns.remove(newInsn);
    }
}
