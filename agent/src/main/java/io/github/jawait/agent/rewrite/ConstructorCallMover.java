package io.github.jawait.agent.rewrite;

import io.github.jawait.agent.Diagnostics;
import io.github.jawait.agent.Names;
import io.github.jawait.agent.RewriteRefusal;
import io.github.jawait.agent.analyse.ClassHierarchy;
import io.github.jawait.agent.analyse.TypeValue;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Rewrite pre-pass for {@code new Foo(await(x))}: an object between {@code new} and its
 * constructor call cannot be saved in a frame, so the allocation moves to just before the
 * constructor call, after the arguments are computed (they are parked in fresh locals).
 *
 * <p>The {@code new} becomes {@code aconst_null}, a placeholder that flows wherever the
 * uninitialized object flowed: usually a {@code dup} on the stack, but javac also spills it to
 * locals ({@code new; dup; astore; astore}) before a switch expression that contains a try.
 * Placeholders are null-typed, so saving them across an await costs nothing. At the
 * constructor call the placeholders on the stack are replaced by the real {@code new} and its
 * copies, and locals that held a copy get the new object too. Behaviour is unchanged:
 * allocation has no visible effect until the constructor runs, except that {@code new}
 * initializes its class first (JLS 15.9.4: before the arguments are evaluated); so where the
 * class may have a static initializer, the placeholder is preceded by
 * {@code MethodHandles.lookup().ensureInitialized(Foo.class)}, which initializes it just as
 * {@code new} would ({@code ldc Foo.class} alone would not).
 */
public final class ConstructorCallMover {
    private ConstructorCallMover() {
    }

    /** Returns true if it moved anything (the method must then be analysed again). */
    public static boolean moveAcrossAwaits(String owner, MethodNode m, Frame<TypeValue>[] frames,
            ClassHierarchy hierarchy) throws RewriteRefusal {
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
                for (int i = 0; i < f.getLocals(); i++) {
                    TypeValue v = f.getLocal(i);
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
            TypeInsnNode allocation = (TypeInsnNode) newInsn;
            if (!allocation.desc.equals(owner) && hierarchy.mayRunStaticInitializer(allocation.desc)) {
                m.instructions.insertBefore(allocation, initialization(allocation.desc));
            }
            move(m, frameOf, allocation);
        }
        return true;
    }

    /** {@code MethodHandles.lookup().ensureInitialized(cls)}: the lookup is the owner's own. */
    private static InsnList initialization(String cls) {
        InsnList init = new InsnList();
        init.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "java/lang/invoke/MethodHandles", "lookup",
                "()Ljava/lang/invoke/MethodHandles$Lookup;", false));
        init.add(new LdcInsnNode(Type.getObjectType(cls)));
        init.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, "java/lang/invoke/MethodHandles$Lookup",
                "ensureInitialized", "(Ljava/lang/Class;)Ljava/lang/Class;", false));
        init.add(new InsnNode(Opcodes.POP));
        return init;
    }

    private static void move(MethodNode m, Map<AbstractInsnNode, Frame<TypeValue>> frames, TypeInsnNode newInsn)
            throws RewriteRefusal {
        InsnList insns = m.instructions;
        List<MethodInsnNode> inits = new ArrayList<>();
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
            if (receiver.kind == TypeValue.Kind.UNINITIALIZED && receiver.newInsn == newInsn) {
                inits.add((MethodInsnNode) n);
            }
        }
        if (inits.isEmpty()) {
            throw new RewriteRefusal("cannot find the constructor call of 'new " + newInsn.desc.replace('/', '.')
                    + "' around an await; await into a local variable first", newInsn);
        }
        for (MethodInsnNode init : inits) {
            allocateAt(m, frames.get(init), init, newInsn);
        }
        insns.set(newInsn, new InsnNode(Opcodes.ACONST_NULL));
    }

    /** Before {@code init}: park the arguments, drop the placeholders, allocate, reload the arguments. */
    private static void allocateAt(MethodNode m, Frame<TypeValue> f, MethodInsnNode init, TypeInsnNode newInsn)
            throws RewriteRefusal {
        Type[] args = Type.getArgumentTypes(init.desc);
        int receiver = f.getStackSize() - args.length - 1;
        TypeValue object = f.getStack(receiver);
        int copies = 1;
        while (receiver - copies >= 0 && object.equals(f.getStack(receiver - copies))) {
            copies++;
        }
        for (int i = 0; i < receiver - copies + 1; i++) {
            if (object.equals(f.getStack(i))) {
                throw new RewriteRefusal("await inside the arguments of 'new " + newInsn.desc.replace('/', '.')
                        + "(...)' compiled in an unusual shape; await into a local variable first",
                        init);
            }
        }
        List<Integer> localCopies = new ArrayList<>();
        for (int i = 0; i < f.getLocals(); i++) {
            if (object.equals(f.getLocal(i))) {
                localCopies.add(i);
            }
        }
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
        for (int i = 0; i < copies; i++) {
            before.add(new InsnNode(Opcodes.POP));
        }
        before.add(new TypeInsnNode(Opcodes.NEW, newInsn.desc));
        for (int local : localCopies) {
            before.add(new InsnNode(Opcodes.DUP));
            before.add(new VarInsnNode(Opcodes.ASTORE, local));
        }
        for (int i = 1; i < copies; i++) {
            before.add(new InsnNode(Opcodes.DUP));
        }
        for (int i = 0; i < args.length; i++) {
            before.add(new VarInsnNode(args[i].getOpcode(Opcodes.ILOAD), temps[i]));
        }
        m.instructions.insertBefore(init, before);
    }
}
