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
 * <li>{@code r.close()} that try-with-resources calls on every exit path, on an
 *     {@code AsyncCloseable}, becomes {@code await(r.closeAsync())}: Python's {@code async with}.
 *     On a resource typed {@code AutoCloseable}, which may hold one, it becomes
 *     {@code await(StateMachine.closeResource(r))}: closeAsync() or close(), whichever it has.
 *     A {@code close()} the user wrote is left as it is ({@link TryWithResources}).</li>
 * </ul>
 */
public final class AwaitLowering implements Opcodes {
    private static final String AWAIT_DESC = "(" + Names.AWAITABLE_DESC + ")Ljava/lang/Object;";

    private AwaitLowering() {
    }

    public static void lower(MethodNode m, ClassHierarchy hierarchy) {
        InsnList insns = m.instructions;
        java.util.Set<MethodInsnNode> resourceCloses = TryWithResources.generatedCloses(m);
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
                } else if (resourceCloses.contains(call) && closesAsynchronously(call, hierarchy)
                        || reachesTheThrowingDefault(call, hierarchy)) {
                    InsnList with = new InsnList();
                    if (AUTO_CLOSEABLE.equals(call.owner)) {
                        with.add(new MethodInsnNode(INVOKESTATIC, Names.STATE_MACHINE, "closeResource",
                                "(Ljava/lang/AutoCloseable;)Ljava/lang/Object;", false));
                    } else {
                        with.add(new MethodInsnNode(INVOKEINTERFACE, Names.ASYNC_CLOSEABLE, "closeAsync",
                                "()" + Names.AWAITABLE_DESC, true));
                    }
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

    private static final String AUTO_CLOSEABLE = "java/lang/AutoCloseable";

    /**
     * A {@code close()} not recognised as try-with-resources' own (ECJ emits no handler at all
     * for an empty body) on a class whose {@code close()} is AsyncCloseable's default, which
     * only throws "close it with await(closeAsync())": awaiting {@code closeAsync()} is the one
     * meaning the call can have. A class that overrides {@code close()} keeps the call as written.
     */
    private static boolean reachesTheThrowingDefault(MethodInsnNode call, ClassHierarchy hierarchy) {
        return "close".equals(call.name) && "()V".equals(call.desc) && call.getOpcode() == INVOKEVIRTUAL
                && !call.owner.startsWith("java/")
                && hierarchy.isAssignableFrom(Names.ASYNC_CLOSEABLE, call.owner)
                && !hierarchy.declaresConcreteMethod(call.owner, "close", "()V");
    }

    /** A resource of this static type is or may be an AsyncCloseable. */
    private static boolean closesAsynchronously(MethodInsnNode call, ClassHierarchy hierarchy) {
        return AUTO_CLOSEABLE.equals(call.owner)
                || !call.owner.startsWith("java/") && hierarchy.isAssignableFrom(Names.ASYNC_CLOSEABLE, call.owner);
    }
}
