package io.github.jawait.agent.rewrite;

import io.github.jawait.agent.Names;
import io.github.jawait.agent.analyse.ClassHierarchy;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Rewrite pre-pass: expresses the other suspension points as awaits, so that one mechanism
 * handles them all.
 * <ul>
 * <li>{@code emit(v)} in a generator becomes {@code await(StateMachine.emission(v))}.</li>
 * <li>{@code r.close()} on an {@code AsyncCloseable} (what try-with-resources calls, on every
 *     exit path) becomes {@code await(r.closeAsync())}: Python's {@code async with}.</li>
 * </ul>
 */
public final class AwaitLowering implements Opcodes {
    private static final String AWAIT_DESC = "(" + Names.AWAITABLE_DESC + ")Ljava/lang/Object;";

    private AwaitLowering() {
    }

    public static void lower(MethodNode m, ClassHierarchy hierarchy) {
        InsnList insns = m.instructions;
        for (AbstractInsnNode n = insns.getFirst(); n != null; ) {
            AbstractInsnNode next = n.getNext();
            if (n instanceof MethodInsnNode call) {
                if (Names.isEmit(call.owner, call.name)) {
                    InsnList with = new InsnList();
                    with.add(new MethodInsnNode(INVOKESTATIC, Names.STATE_MACHINE, "emission",
                            "(Ljava/lang/Object;)Ljava/lang/Object;", false));
                    with.add(awaitCall());
                    with.add(new InsnNode(POP));
                    insns.insertBefore(call, with);
                    insns.remove(call);
                } else if (isAsyncClose(call, hierarchy)) {
                    InsnList with = new InsnList();
                    with.add(new MethodInsnNode(INVOKEINTERFACE, Names.ASYNC_CLOSEABLE, "closeAsync",
                            "()" + Names.AWAITABLE_DESC, true));
                    with.add(awaitCall());
                    with.add(new InsnNode(POP));
                    insns.insertBefore(call, with);
                    insns.remove(call);
                }
            }
            n = next;
        }
    }

    private static MethodInsnNode awaitCall() {
        return new MethodInsnNode(INVOKESTATIC, Names.ASYNCIO, "await", AWAIT_DESC, false);
    }

    private static boolean isAsyncClose(MethodInsnNode call, ClassHierarchy hierarchy) {
        return "close".equals(call.name) && "()V".equals(call.desc)
                && (call.getOpcode() == INVOKEINTERFACE || call.getOpcode() == INVOKEVIRTUAL)
                && !call.owner.startsWith("java/")
                && hierarchy.isAssignableFrom(Names.ASYNC_CLOSEABLE, call.owner);
    }
}
