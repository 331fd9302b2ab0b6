package io.github.jawait.agent.plan;

import io.github.jawait.agent.Names;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * Which awaits call a direct variant: {@code await(f(args))} where {@code f} is an
 * {@code @Async} method of the same class returning {@code Coroutine}, called right before the
 * await (nothing can jump in between), that no subclass can override: static, private, final,
 * or of a final class. Only those methods get a variant, a static method named as their resume
 * method with the descriptor {@code ([receiver,] args, CoroutineFrame anchor, int depth)Object}
 * ({@link #variantDesc}). A method a subclass may override is called through its factory as
 * before: the override may not be rewritten, or not the same way.
 */
public final class DirectCallSites {
    private final String owner;
    /** {@code name + desc} of each called method → the name of its direct variant. */
    private final Map<String, String> variants;

    private DirectCallSites(String owner, Map<String, String> variants) {
        this.owner = owner;
        this.variants = variants;
    }

    /** No direct calls: methods of other classes' use, and tests. */
    public static DirectCallSites none(String owner) {
        return new DirectCallSites(owner, Collections.emptyMap());
    }

    /**
     * The direct calls of a class: {@code rewritten} maps {@code name + desc} of each method the
     * agent rewrites to its resume method's name; {@code methods} are all of the class's methods.
     */
    public static DirectCallSites of(String owner, boolean finalClass, List<MethodNode> methods,
            Map<String, String> rewritten, Map<String, Integer> access) {
        Map<String, String> wanted = new HashMap<>();
        for (MethodNode m : methods) {
            if (!rewritten.containsKey(m.name + m.desc)) {
                continue;
            }
            Set<LabelNode> targets = jumpTargets(m);
            for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
                if (n instanceof MethodInsnNode await && Names.isAwait(await.owner, await.name)) {
                    MethodInsnNode call = callBefore(await, targets);
                    if (call != null && owner.equals(call.owner)) {
                        String key = call.name + call.desc;
                        Integer flags = access.get(key);
                        if (flags != null && rewritten.containsKey(key) && bindsStatically(call, flags, finalClass)
                                && Names.COROUTINE_DESC.equals(Type.getReturnType(call.desc).getDescriptor())
                                && roomForCaller(call.desc, (flags & Opcodes.ACC_STATIC) == 0)) {
                            wanted.put(key, rewritten.get(key));
                        }
                    }
                }
            }
        }
        return new DirectCallSites(owner, wanted);
    }

    /** The variant's name for {@code name + desc}, or null when the method has none. */
    public String variantOf(String nameAndDesc) {
        return variants.get(nameAndDesc);
    }

    public boolean isEmpty() {
        return variants.isEmpty();
    }

    /** JVMS 4.3.3: the parameters of a method take at most 255 local variable slots. */
    private static final int MAX_PARAMETER_SLOTS = 255;

    /**
     * Whether the variant of a method of descriptor {@code desc} (with a receiver, which the static
     * variant takes as its first parameter) can take two more: the anchor frame and the depth. A
     * method at the limit keeps its factory call and the inline start.
     */
    private static boolean roomForCaller(String desc, boolean receiver) {
        int argumentSlots = (Type.getArgumentsAndReturnSizes(desc) >> 2) - 1; // the sizes count a receiver
        return (receiver ? 1 : 0) + argumentSlots + 2 <= MAX_PARAMETER_SLOTS; // the anchor and the depth
    }

    /** Whether {@code call} reaches the method with {@code flags} of this class, whatever the receiver's class. */
    private static boolean bindsStatically(MethodInsnNode call, int flags, boolean finalClass) {
        if ((flags & Opcodes.ACC_STATIC) != 0) {
            return call.getOpcode() == Opcodes.INVOKESTATIC;
        }
        if (call.getOpcode() == Opcodes.INVOKESTATIC) {
            return false;
        }
        return (flags & Opcodes.ACC_PRIVATE) != 0
                || call.getOpcode() == Opcodes.INVOKEVIRTUAL && ((flags & Opcodes.ACC_FINAL) != 0 || finalClass);
    }

    /** The direct call {@code await} reads the result of, or null: see the class comment. */
    public MethodInsnNode callOf(MethodInsnNode await, Set<LabelNode> targets) {
        MethodInsnNode call = callBefore(await, targets);
        return call != null && owner.equals(call.owner) && variants.containsKey(call.name + call.desc) ? call : null;
    }

    /**
     * The direct variant's descriptor: the receiver of an instance method ({@code owner} non-null),
     * the method's arguments, then the anchor (the nearest frame up the Java stack) and the depth below it; returns the value.
     */
    public static String variantDesc(String owner, String desc) {
        StringBuilder b = new StringBuilder("(");
        if (owner != null) {
            b.append('L').append(owner).append(';');
        }
        for (Type t : Type.getArgumentTypes(desc)) {
            b.append(t.getDescriptor());
        }
        return b.append(Names.FRAME_DESC).append("I)Ljava/lang/Object;").toString();
    }

    /** The method call right before {@code await}, with no instruction or jump target between. */
    private static MethodInsnNode callBefore(MethodInsnNode await, Set<LabelNode> targets) {
        AbstractInsnNode prev = await.getPrevious();
        while (prev instanceof LineNumberNode || prev instanceof FrameNode
                || prev instanceof LabelNode l && !targets.contains(l)) {
            prev = prev.getPrevious();
        }
        return prev instanceof MethodInsnNode call ? call : null;
    }

    /** Labels something jumps to or a try block starts, ends or handles at. */
    public static Set<LabelNode> jumpTargets(MethodNode m) {
        Set<LabelNode> targets = new HashSet<>();
        for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof JumpInsnNode j) {
                targets.add(j.label);
            } else if (n instanceof TableSwitchInsnNode s) {
                targets.add(s.dflt);
                targets.addAll(s.labels);
            } else if (n instanceof LookupSwitchInsnNode s) {
                targets.add(s.dflt);
                targets.addAll(s.labels);
            }
        }
        for (TryCatchBlockNode t : m.tryCatchBlocks) {
            targets.add(t.start);
            targets.add(t.end);
            targets.add(t.handler);
        }
        return targets;
    }
}
