package io.github.jawait.agent;

import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;

/** Messages that name class, method and source line, and the agent's log. */
public final class Diagnostics {
    private static final System.Logger LOG = System.getLogger("io.github.jawait.agent");

    private Diagnostics() {
    }

    /** {@code com.example.Demo.fetch (Demo.java:12)}. */
    public static String where(ClassNode owner, MethodNode method, int line) {
        return where(owner, method, line, -1);
    }

    /**
     * {@code com.example.Demo.fetch (Demo.java:12)}; without a line number (a class compiled
     * with {@code -g:none}) the method's descriptor and, when known, the bytecode offset, as
     * {@code javap -c} shows them: {@code com.example.Demo.fetch(I)Lio/github/jawait/Coroutine;
     * (unknown source, bytecode offset 17)}.
     */
    public static String where(ClassNode owner, MethodNode method, int line, int bytecodeOffset) {
        String cls = owner.name.replace('/', '.');
        String file = owner.sourceFile != null ? owner.sourceFile : "unknown source";
        if (line > 0) {
            return cls + "." + method.name + " (" + file + ":" + line + ")";
        }
        return cls + "." + method.name + method.desc + " (" + file
                + (bytecodeOffset >= 0 ? ", bytecode offset " + bytecodeOffset : "") + ")";
    }

    /** The source line of {@code insn}: the nearest line number before it. */
    public static int lineOf(AbstractInsnNode insn) {
        for (AbstractInsnNode n = insn; n != null; n = n.getPrevious()) {
            if (n instanceof LineNumberNode ln) {
                return ln.line;
            }
        }
        return -1;
    }

    /** The first source line of a method, or -1. */
    public static int firstLine(MethodNode m) {
        for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof LineNumberNode ln) {
                return ln.line;
            }
        }
        return -1;
    }

    public static void refused(String message) {
        LOG.log(System.Logger.Level.ERROR, "jawait: cannot rewrite " + message);
    }

    public static void failed(String className, Throwable t) {
        LOG.log(System.Logger.Level.ERROR, "jawait: internal error while rewriting "
                + (className == null ? "a class" : className.replace('/', '.'))
                + "; its @Async methods will throw this error when called", t);
    }
}
