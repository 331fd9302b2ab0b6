package io.github.jawait.agent.rewrite;

import io.github.jawait.agent.Names;
import java.util.ArrayList;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * A refused method is never loaded as it was: its body becomes
 * {@code throw StateMachine.refused(message)}, so calling it raises
 * {@code AsyncTransformError} with the reason, class, method and line.
 */
public final class RefusalEmitter {
    private RefusalEmitter() {
    }

    public static void replaceBody(MethodNode m, String message) {
        if ((m.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
            return; // no body to replace; the log carries the message
        }
        InsnList body = new InsnList();
        body.add(new LdcInsnNode(message));
        body.add(new MethodInsnNode(Opcodes.INVOKESTATIC, Names.STATE_MACHINE, "refused",
                "(Ljava/lang/String;)Ljava/lang/Error;", false));
        body.add(new InsnNode(Opcodes.ATHROW));
        m.instructions = body;
        m.tryCatchBlocks = new ArrayList<>();
        m.localVariables = null;
        m.visibleLocalVariableAnnotations = null;
        m.invisibleLocalVariableAnnotations = null;
        m.maxStack = 1;
    }
}
