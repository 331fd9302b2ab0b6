package io.github.jawait.agent.rewrite;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Finds the {@code close()} calls that javac and ECJ emit for try-with-resources, apart from
 * the ones the user wrote. Both compilers close a resource held in local {@code r} with
 * {@code aload r; invoke close()}: on each normal exit of the body (outside its protected range)
 * and in the handler that catches what the body throws, next to {@code addSuppressed}. A
 * {@code close()} of {@code r} inside the body, that is inside a range whose handler closes
 * {@code r} itself, is the user's; so is any call in a method without {@code addSuppressed}, and
 * any call on a local that no handler closes.
 */
final class TryWithResources implements Opcodes {
    /** How far a handler is followed looking for its close() calls (javac's is 10 instructions). */
    private static final int HANDLER_WINDOW = 24;

    private TryWithResources() {
    }

    /** The compiler-emitted resource {@code close()} calls of {@code m}. */
    static Set<MethodInsnNode> generatedCloses(MethodNode m) {
        Set<MethodInsnNode> out = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        if (!callsAddSuppressed(m.instructions)) {
            return out;
        }
        Map<TryCatchBlockNode, Set<Integer>> closedByHandler = new IdentityHashMap<>();
        Set<Integer> resources = new HashSet<>();
        for (TryCatchBlockNode tcb : m.tryCatchBlocks) {
            Set<Integer> closed = closedIn(tcb.handler);
            closedByHandler.put(tcb, closed);
            resources.addAll(closed);
        }
        for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
            int slot = closedSlot(n);
            if (slot < 0 || !resources.contains(slot)) {
                continue;
            }
            if (!insideRangeClosing(m, n, slot, closedByHandler)) {
                out.add((MethodInsnNode) n);
            }
        }
        return out;
    }

    /** The local whose close() {@code n} calls directly ({@code aload r; invoke close()}), or -1. */
    private static int closedSlot(AbstractInsnNode n) {
        if (!(n instanceof MethodInsnNode call) || !"close".equals(call.name) || !"()V".equals(call.desc)
                || (call.getOpcode() != INVOKEINTERFACE && call.getOpcode() != INVOKEVIRTUAL)) {
            return -1;
        }
        AbstractInsnNode prev = previousReal(n);
        return prev != null && prev.getOpcode() == ALOAD ? ((VarInsnNode) prev).var : -1;
    }

    /** The locals closed on the straight-line code of a handler, until it rethrows. */
    private static Set<Integer> closedIn(AbstractInsnNode handler) {
        Set<Integer> closed = new HashSet<>();
        int seen = 0;
        for (AbstractInsnNode n = handler; n != null && seen < HANDLER_WINDOW; n = n.getNext()) {
            if (n.getOpcode() < 0) {
                continue;
            }
            seen++;
            int slot = closedSlot(n);
            if (slot >= 0) {
                closed.add(slot);
            }
            if (n.getOpcode() == ATHROW) {
                break;
            }
        }
        return closed;
    }

    private static boolean insideRangeClosing(MethodNode m, AbstractInsnNode n, int slot,
            Map<TryCatchBlockNode, Set<Integer>> closedByHandler) {
        int at = m.instructions.indexOf(n);
        for (TryCatchBlockNode tcb : m.tryCatchBlocks) {
            if (at >= m.instructions.indexOf(tcb.start) && at < m.instructions.indexOf(tcb.end)
                    && closedByHandler.get(tcb).contains(slot)) {
                return true;
            }
        }
        return false;
    }

    private static boolean callsAddSuppressed(InsnList insns) {
        for (AbstractInsnNode n = insns.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof MethodInsnNode call && "addSuppressed".equals(call.name)
                    && "(Ljava/lang/Throwable;)V".equals(call.desc)) {
                return true;
            }
        }
        return false;
    }

    private static AbstractInsnNode previousReal(AbstractInsnNode n) {
        AbstractInsnNode p = n.getPrevious();
        while (p != null && p.getOpcode() < 0) {
            p = p.getPrevious();
        }
        return p;
    }

}
