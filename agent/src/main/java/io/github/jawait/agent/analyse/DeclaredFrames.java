package io.github.jawait.agent.analyse;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The stack map frames the compiler wrote for a method (read expanded), kept by the label they
 * stand at. Where two reference types meet and the class files that would give their common
 * superclass cannot be read, the type the compiler declared there is used: the JVM verified
 * the original code against it, so every value reaching that point is one.
 */
public final class DeclaredFrames {
    private static final DeclaredFrames NONE = new DeclaredFrames(new IdentityHashMap<>());

    private final Map<LabelNode, FrameNode> atLabel;

    private DeclaredFrames(Map<LabelNode, FrameNode> atLabel) {
        this.atLabel = atLabel;
    }

    /** No declared frames (a class file without them, or a method built by the agent). */
    public static DeclaredFrames none() {
        return NONE;
    }

    /** Collects {@code m}'s expanded frames ({@code F_NEW}, from {@code ClassReader.EXPAND_FRAMES}). */
    public static DeclaredFrames of(MethodNode m) {
        Map<LabelNode, FrameNode> map = new IdentityHashMap<>();
        for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof FrameNode f && f.type == Opcodes.F_NEW) {
                for (AbstractInsnNode p = f.getPrevious(); p != null && p.getOpcode() < 0; p = p.getPrevious()) {
                    if (p instanceof LabelNode l) {
                        map.put(l, f);
                    }
                }
            }
        }
        return new DeclaredFrames(map);
    }

    /** What {@link #declared} returns where the frame holds no reference: the value is unusable there. */
    static final String UNUSABLE = "";

    /**
     * The reference type the compiler declared for local {@code slot} (or, when {@code stack},
     * operand-stack entry {@code slot}) at instruction {@code index}; {@link #UNUSABLE} if the
     * frame there has no reference in that place (out of scope, {@code top}); null if there is no
     * frame.
     */
    String declared(InsnList insns, int index, int slot, boolean stack) {
        if (atLabel.isEmpty() || index < 0) {
            return null;
        }
        for (AbstractInsnNode p = insns.get(index); p != null && p.getOpcode() < 0; p = p.getPrevious()) {
            if (p instanceof LabelNode l && atLabel.containsKey(l)) {
                FrameNode f = atLabel.get(l);
                String type = stack ? at(f.stack, slot, false) : at(f.local, slot, true);
                return type == null ? UNUSABLE : type;
            }
        }
        return null;
    }

    /** Entry {@code slot} of a frame list; locals count long and double as two slots. */
    private static String at(List<Object> types, int slot, boolean locals) {
        if (types == null) {
            return null;
        }
        int position = 0;
        for (Object t : types) {
            if (position == slot) {
                return t instanceof String s ? s : null;
            }
            position += locals && (t == Opcodes.LONG || t == Opcodes.DOUBLE) ? 2 : 1;
            if (position > slot) {
                return null;
            }
        }
        return null;
    }
}
