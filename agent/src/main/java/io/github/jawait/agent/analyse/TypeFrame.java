package io.github.jawait.agent.analyse;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;

/**
 * A frame that, like the verifier, turns every copy of an uninitialized object into an
 * initialized one when its constructor is called ({@code new Foo; dup; ...; invokespecial}).
 */
public final class TypeFrame extends Frame<TypeValue> {

    public TypeFrame(int numLocals, int maxStack) {
        super(numLocals, maxStack);
    }

    public TypeFrame(Frame<? extends TypeValue> frame) {
        super(frame);
    }

    /** As {@link Frame#merge}, telling the interpreter which local or stack entry it merges. */
    @Override
    public boolean merge(Frame<? extends TypeValue> frame, Interpreter<TypeValue> interpreter)
            throws AnalyzerException {
        if (!(interpreter instanceof TypeInterpreter types)) {
            return super.merge(frame, interpreter);
        }
        if (getStackSize() != frame.getStackSize()) {
            throw new AnalyzerException(null, "Incompatible stack heights");
        }
        boolean changed = false;
        types.mergingInto = this;
        types.stackSlot = false;
        for (int i = 0; i < getLocals(); i++) {
            types.slot = i;
            TypeValue v = types.merge(getLocal(i), frame.getLocal(i));
            if (!v.equals(getLocal(i))) {
                setLocal(i, v);
                changed = true;
            }
        }
        types.stackSlot = true;
        for (int i = 0; i < getStackSize(); i++) {
            types.slot = i;
            TypeValue v = types.merge(getStack(i), frame.getStack(i));
            if (!v.equals(getStack(i))) {
                setStack(i, v);
                changed = true;
            }
        }
        return changed;
    }

    @Override
    public void execute(AbstractInsnNode insn, Interpreter<TypeValue> interpreter) throws AnalyzerException {
        if (insn.getOpcode() == Opcodes.INVOKESPECIAL && "<init>".equals(((MethodInsnNode) insn).name)) {
            int args = Type.getArgumentTypes(((MethodInsnNode) insn).desc).length;
            TypeValue receiver = getStack(getStackSize() - args - 1);
            super.execute(insn, interpreter);
            if (receiver.kind == TypeValue.Kind.UNINITIALIZED) {
                TypeValue initialized = TypeValue.ref(receiver.type);
                for (int i = 0; i < getLocals(); i++) {
                    if (receiver.equals(getLocal(i))) {
                        setLocal(i, initialized);
                    }
                }
                for (int i = 0; i < getStackSize(); i++) {
                    if (receiver.equals(getStack(i))) {
                        setStack(i, initialized);
                    }
                }
            }
            return;
        }
        super.execute(insn, interpreter);
    }
}
