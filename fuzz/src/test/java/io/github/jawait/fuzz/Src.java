package io.github.jawait.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * The syntax tree of a generated program, as coarse as the minimizer needs: statements are
 * either one line of text or a compound made of segments (a header and a block each, e.g.
 * {@code if (c) {} / } else {} / }}), so statements can be deleted, a compound replaced by
 * one of its blocks, and an optional segment (an else, a catch, a finally) dropped.
 */
final class Src {
    private Src() {
    }

    interface Stmt {
        Stmt copy();
    }

    /** One statement on one line (it may hold inline lambdas or switch expressions). */
    record Line(String text) implements Stmt {
        @Override
        public Stmt copy() {
            return this;
        }
    }

    /** A header and the block it opens; {@code removable} if the statement stays valid without it. */
    static final class Seg {
        final String head;
        final Block body;
        final boolean removable;

        Seg(String head, Block body, boolean removable) {
            this.head = head;
            this.body = body;
            this.removable = removable;
        }

        Seg copy() {
            return new Seg(head, body.copy(), removable);
        }
    }

    /** {@code seg0.head {body0} seg1.head {body1} ... close}: if, loops, try, switch, lambdas. */
    static final class Compound implements Stmt {
        final List<Seg> segs;
        final String close;

        Compound(List<Seg> segs, String close) {
            this.segs = segs;
            this.close = close;
        }

        @Override
        public Compound copy() {
            List<Seg> s = new ArrayList<>();
            for (Seg g : segs) {
                s.add(g.copy());
            }
            return new Compound(s, close);
        }
    }

    static final class Block {
        final List<Stmt> stmts = new ArrayList<>();

        Block copy() {
            Block b = new Block();
            for (Stmt s : stmts) {
                b.stmts.add(s.copy());
            }
            return b;
        }
    }

    /**
     * A method: its header line ({@code @Async static ... {}), its body, its closing line
     * ({@code }}, or more when the header opens a nested class too), and whether it may be deleted.
     */
    static final class Method {
        final String head;
        final Block body;
        final boolean removable;
        final String close;

        Method(String head, Block body, boolean removable) {
            this(head, body, removable, "}");
        }

        Method(String head, Block body, boolean removable, String close) {
            this.head = head;
            this.body = body;
            this.removable = removable;
            this.close = close;
        }

        Method copy() {
            return new Method(head, body.copy(), removable, close);
        }
    }

    /** A whole program: fixed text before and after, and the generated methods in between. */
    static final class Program {
        final String prefix;
        final List<Method> methods = new ArrayList<>();
        final String suffix;
        /** What the generator knows about the program (for attributing failures to known bugs); not rendered. */
        final java.util.Set<String> facts = new java.util.TreeSet<>();

        Program(String prefix, String suffix) {
            this.prefix = prefix;
            this.suffix = suffix;
        }

        Program copy() {
            Program p = new Program(prefix, suffix);
            p.facts.addAll(facts);
            for (Method m : methods) {
                p.methods.add(m.copy());
            }
            return p;
        }

        String render() {
            StringBuilder sb = new StringBuilder(prefix);
            for (Method m : methods) {
                sb.append('\n');
                indent(sb, 1).append(m.head).append('\n');
                renderBlock(sb, m.body, 2);
                indent(sb, 1).append(m.close).append('\n');
            }
            return sb.append(suffix).toString();
        }
    }

    static void renderBlock(StringBuilder sb, Block b, int depth) {
        for (Stmt s : b.stmts) {
            if (s instanceof Line l) {
                indent(sb, depth).append(l.text).append('\n');
            } else {
                Compound c = (Compound) s;
                for (Seg g : c.segs) {
                    indent(sb, depth).append(g.head).append('\n');
                    renderBlock(sb, g.body, depth + 1);
                }
                indent(sb, depth).append(c.close).append('\n');
            }
        }
    }

    /** The block on one line, for blocks inside expressions (switch-expression arms, lambdas in arguments). */
    static String inline(Block b) {
        StringBuilder sb = new StringBuilder();
        for (Stmt s : b.stmts) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            if (s instanceof Line l) {
                sb.append(l.text);
            } else {
                Compound c = (Compound) s;
                for (Seg g : c.segs) {
                    sb.append(g.head).append(' ');
                    String inner = inline(g.body);
                    if (!inner.isEmpty()) {
                        sb.append(inner).append(' ');
                    }
                }
                sb.append(c.close);
            }
        }
        return sb.toString();
    }

    private static StringBuilder indent(StringBuilder sb, int depth) {
        for (int i = 0; i < depth; i++) {
            sb.append("    ");
        }
        return sb;
    }
}
