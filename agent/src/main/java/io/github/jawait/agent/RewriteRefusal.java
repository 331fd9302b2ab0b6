package io.github.jawait.agent;

import org.objectweb.asm.tree.AbstractInsnNode;

/**
 * A method the agent will not rewrite, with the reason a user can act on. The message is
 * completed with class, method and source line by {@link Diagnostics#where}; where the class has
 * no line numbers ({@code -g:none}), with the method's descriptor and the bytecode offset of the
 * instruction the refusal is about.
 */
public final class RewriteRefusal extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final transient AbstractInsnNode at;

    public RewriteRefusal(String reason, int line) {
        super(reason, null, false, false);
        this.line = line;
        this.at = null;
    }

    /** A refusal about one instruction: its line, or its bytecode offset when there are no lines. */
    public RewriteRefusal(String reason, AbstractInsnNode at) {
        super(reason, null, false, false);
        this.line = Diagnostics.lineOf(at);
        this.at = at;
    }

    /** The source line the refusal is about, or -1 when unknown. */
    public int line() {
        return line;
    }

    /** The instruction the refusal is about, or null when it is about the whole method. */
    public AbstractInsnNode at() {
        return at;
    }
}
