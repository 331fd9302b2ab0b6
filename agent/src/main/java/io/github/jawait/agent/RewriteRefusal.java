package io.github.jawait.agent;

/**
 * A method the agent will not rewrite, with the reason a user can act on. The message is
 * completed with class, method and source line by {@link Diagnostics#where}.
 */
public final class RewriteRefusal extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;

    public RewriteRefusal(String reason, int line) {
        super(reason, null, false, false);
        this.line = line;
    }

    /** The source line the refusal is about, or -1 when unknown. */
    public int line() {
        return line;
    }
}
