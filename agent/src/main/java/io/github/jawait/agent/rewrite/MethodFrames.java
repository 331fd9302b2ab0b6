package io.github.jawait.agent.rewrite;

import io.github.jawait.agent.analyse.ClassHierarchy;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.AbstractInsnNode;

/**
 * Stack map frames and max stack/locals for one method the agent wrote, computed on its own:
 * the method is written alone into a throwaway class with {@link HierarchyClassWriter} and read
 * back. The class's other methods keep the frames their compiler wrote, byte for byte: a
 * method that is not rewritten never depends on the agent's view of the class hierarchy.
 */
public final class MethodFrames {
    private static final int MEMORY_LIMIT = 512 << 20;
    private static final long OPERATIONS_LIMIT = 50_000_000_000L;

    private MethodFrames() {
    }

    /**
     * {@code m} with computed frames and maxima, as a new node.
     *
     * @throws MethodTooLargeException if its code exceeds the JVM's 64 KB
     * @throws org.objectweb.asm.LimitExceededException if computing its frames needs more than
     *     512 MB
     * @throws ClassHierarchy.MissingClassException if a merge needs a class that cannot be read
     */
    public static MethodNode compute(ClassNode owner, MethodNode m, ClassHierarchy hierarchy) {
        ClassWriter writer = new HierarchyClassWriter(hierarchy);
        // ASM's default (10 MB of frame arrays) is reached by big rewritten methods well below
        // the 64 KB code limit; the agent only writes methods javac or ECJ made, for the JVM
        writer.setComputeLimits(MEMORY_LIMIT, OPERATIONS_LIMIT);
        writer.visit(owner.version, owner.access, owner.name, null, owner.superName,
                owner.interfaces.toArray(new String[0]));
        m.accept(writer);
        writer.visitEnd();
        ClassNode back = new ClassNode();
        new ClassReader(writer.toByteArray()).accept(back, 0);
        return back.methods.get(0);
    }

    /**
     * {@code writer} with the limits the agent uses: a method whose jumps need {@code goto_w}
     * makes ASM compute its frames again when the class is written.
     */
    public static ClassWriter unlimited(ClassWriter writer) {
        writer.setComputeLimits(MEMORY_LIMIT, OPERATIONS_LIMIT);
        return writer;
    }

    /** Drops the compiler's frames from a method about to be changed: they will be recomputed. */
    public static void strip(MethodNode m) {
        for (AbstractInsnNode n = m.instructions.getFirst(); n != null; ) {
            AbstractInsnNode next = n.getNext();
            if (n instanceof FrameNode) {
                m.instructions.remove(n);
            }
            n = next;
        }
    }
}
