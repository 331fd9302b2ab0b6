package io.github.jawait.agent;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The bytecode offset of each instruction as the class file has it, recorded while the class is
 * read: a class compiled with {@code -g:none} has no line numbers, and a refusal can still point
 * at {@code javap -c}'s offset. The instructions the agent adds later have none.
 */
final class BytecodeOffsets {
    private final Map<AbstractInsnNode, Integer> offsets = new IdentityHashMap<>();
    /** The reader (for a ClassWriter that keeps the constant pool) and the class it read. */
    final ClassReader reader;
    final ClassNode node;

    private BytecodeOffsets(ClassReader reader, ClassNode node) {
        this.reader = reader;
        this.node = node;
    }

    /** Reads {@code classFile} into a new ClassNode with {@code flags}, recording the offsets. */
    static BytecodeOffsets read(byte[] classFile, int flags) {
        List<List<Integer>> perMethod = new ArrayList<>();
        ClassReader reader = new ClassReader(classFile) {
            @Override
            protected void readBytecodeInstructionOffset(int bytecodeOffset) {
                perMethod.get(perMethod.size() - 1).add(bytecodeOffset);
            }
        };
        ClassNode recording = new ClassNode(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                perMethod.add(new ArrayList<>());
                return super.visitMethod(access, name, descriptor, signature, exceptions);
            }
        };
        reader.accept(recording, flags);
        BytecodeOffsets result = new BytecodeOffsets(reader, recording);
        for (int i = 0; i < recording.methods.size(); i++) {
            result.record(recording.methods.get(i), perMethod.get(i));
        }
        return result;
    }

    private void record(MethodNode m, List<Integer> read) {
        List<AbstractInsnNode> real = new ArrayList<>();
        for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
            if (n.getOpcode() >= 0) {
                real.add(n);
            }
        }
        if (real.size() != read.size()) {
            return; // not one offset per instruction: say nothing rather than something wrong
        }
        for (int i = 0; i < real.size(); i++) {
            offsets.put(real.get(i), read.get(i));
        }
    }

    /** The offset of {@code insn} in the original class file, or -1. */
    int of(AbstractInsnNode insn) {
        Integer o = insn == null ? null : offsets.get(insn);
        return o == null ? -1 : o;
    }
}
