package io.github.jawait.fuzz;

import io.github.jawait.fuzz.Src.Block;
import io.github.jawait.fuzz.Src.Compound;
import io.github.jawait.fuzz.Src.Program;
import io.github.jawait.fuzz.Src.Seg;
import io.github.jawait.fuzz.Src.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Shrinks a failing program while it keeps failing the same way: deletes methods, runs of
 * statements and single statements, replaces a compound statement by one of its blocks, and
 * drops optional segments (else, catch, finally, switch cases). Each candidate is rendered and
 * tested again; compile errors simply do not count as "still failing". Greedy, to a fixpoint.
 */
final class Minimizer {
    private final Predicate<String> stillFails;
    private int tries;
    private final int maxTries;
    /** System.nanoTime() after which no new candidate is tried: a CI failure must not hang the job. */
    private final long deadline;
    private boolean outOfTime;

    Minimizer(Predicate<String> stillFails, int maxTries) {
        this(stillFails, maxTries, Long.MAX_VALUE);
    }

    Minimizer(Predicate<String> stillFails, int maxTries, long deadline) {
        this.stillFails = stillFails;
        this.maxTries = maxTries;
        this.deadline = deadline;
    }

    /** Whether another candidate may be tried: tries left and time left. */
    private boolean mayTry() {
        if (tries >= maxTries) {
            return false;
        }
        if (System.nanoTime() - deadline >= 0) {
            outOfTime = true;
            return false;
        }
        return true;
    }

    /** Whether the time budget ended the minimization (the result is then only partly minimized). */
    boolean outOfTime() {
        return outOfTime;
    }

    /** An edit of a copy of the program; returns false if it does not apply. */
    private interface Edit {
        boolean apply(Program p);
    }

    Program minimize(Program original) {
        Program best = original.copy();
        for (int round = 0; round < 4 && mayTry(); round++) {
            best = shrink(best, false);
            Program simpler = shrink(best, true);
            if (simpler == best) {
                break;
            }
            best = simpler;
        }
        return best;
    }

    /** Applies the statement edits, or the expression edits, greedily until none helps. */
    private Program shrink(Program start, boolean expressions) {
        Program best = start;
        boolean progress = true;
        while (progress && mayTry()) {
            progress = false;
            for (Edit e : expressions ? expressionEdits(best) : edits(best)) {
                if (!mayTry()) {
                    break;
                }
                Program candidate = best.copy();
                if (!e.apply(candidate)) {
                    continue;
                }
                tries++;
                if (stillFails.test(candidate.render())) {
                    best = candidate;
                    progress = true;
                    break; // the edit list refers to the old tree: start again
                }
            }
        }
        return best;
    }

    /**
     * Replaces one parenthesized group of a line or a header by a simple literal: {@code (0)},
     * {@code (1)}, {@code ("")}, {@code (false)}; the outermost groups first. Edits of the wrong
     * type do not compile and are dropped.
     */
    private List<Edit> expressionEdits(Program p) {
        List<Edit> out = new ArrayList<>();
        for (int m = 0; m < p.methods.size(); m++) {
            expressionEdits(p.methods.get(m).body, new ArrayList<>(), m, out);
        }
        out.sort(java.util.Comparator.comparingInt(e -> -((TextEdit) e).length));
        return out;
    }

    private record TextEdit(int method, List<int[]> path, int stmt, int seg, int from, int to, String with, int length)
            implements Edit {
        @Override
        public boolean apply(Program q) {
            Block t = resolve(q, method, path);
            Stmt s = t.stmts.get(stmt);
            String text = seg < 0 ? ((Src.Line) s).text() : ((Compound) s).segs.get(seg).head;
            String changed = text.substring(0, from) + with + text.substring(to);
            if (seg < 0) {
                t.stmts.set(stmt, new Src.Line(changed));
            } else {
                Compound c = (Compound) s;
                List<Seg> segs = new ArrayList<>(c.segs);
                Seg old = segs.get(seg);
                segs.set(seg, new Seg(changed, old.body, old.removable));
                t.stmts.set(stmt, new Compound(segs, c.close));
            }
            return true;
        }
    }

    private void expressionEdits(Block b, List<int[]> path, int method, List<Edit> out) {
        List<int[]> here = List.copyOf(path);
        for (int i = 0; i < b.stmts.size(); i++) {
            Stmt s = b.stmts.get(i);
            if (s instanceof Src.Line l) {
                groups(l.text(), method, here, i, -1, out);
            } else {
                Compound c = (Compound) s;
                for (int g = 0; g < c.segs.size(); g++) {
                    groups(c.segs.get(g).head, method, here, i, g, out);
                    List<int[]> sub = new ArrayList<>(path);
                    sub.add(new int[] {i, g});
                    expressionEdits(c.segs.get(g).body, sub, method, out);
                }
            }
        }
    }

    private static void groups(String text, int method, List<int[]> path, int stmt, int seg, List<Edit> out) {
        java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                // skip a literal
                int j = text.indexOf(c, i + 1);
                if (j > i) {
                    i = j;
                }
                continue;
            }
            if (c == '(') {
                open.push(i);
            } else if (c == ')' && !open.isEmpty()) {
                int from = open.pop();
                if (i - from > 2) {
                    for (String w : new String[] {"(0)", "(1)", "(\"\")", "(false)"}) {
                        out.add(new TextEdit(method, path, stmt, seg, from, i + 1, w, i - from));
                    }
                }
            }
        }
    }

    int tries() {
        return tries;
    }

    /** Every edit of {@code p}, the coarsest first; paths address blocks by position so they apply to copies. */
    private List<Edit> edits(Program p) {
        List<Edit> coarse = new ArrayList<>();
        List<Edit> fine = new ArrayList<>();
        for (int m = 0; m < p.methods.size(); m++) {
            int mi = m;
            if (p.methods.get(m).removable) {
                coarse.add(q -> {
                    q.methods.remove(mi);
                    return true;
                });
            }
            collect(p.methods.get(m).body, new ArrayList<>(), mi, coarse, fine);
        }
        coarse.addAll(fine);
        return coarse;
    }

    /** A block's address: method index, then (statement, segment) pairs down the tree. */
    private static Block resolve(Program p, int method, List<int[]> path) {
        Block b = p.methods.get(method).body;
        for (int[] step : path) {
            b = ((Compound) b.stmts.get(step[0])).segs.get(step[1]).body;
        }
        return b;
    }

    private void collect(Block b, List<int[]> path, int method, List<Edit> coarse, List<Edit> fine) {
        int n = b.stmts.size();
        List<int[]> here = List.copyOf(path);
        // runs of statements: halves, then quarters (the final return is never deleted alone)
        for (int size = n / 2; size >= 2; size /= 2) {
            for (int from = 0; from + size <= n - 1; from += size) {
                int f = from;
                int s = size;
                coarse.add(q -> {
                    Block t = resolve(q, method, here);
                    if (t.stmts.size() < f + s) {
                        return false;
                    }
                    t.stmts.subList(f, f + s).clear();
                    return true;
                });
            }
        }
        for (int i = 0; i < n; i++) {
            int si = i;
            Stmt s = b.stmts.get(i);
            fine.add(q -> {
                Block t = resolve(q, method, here);
                t.stmts.remove(si);
                return true;
            });
            if (s instanceof Compound c) {
                for (int g = 0; g < c.segs.size(); g++) {
                    int gi = g;
                    // the compound replaced by the statements of one of its blocks
                    coarse.add(q -> {
                        Block t = resolve(q, method, here);
                        Compound cc = (Compound) t.stmts.get(si);
                        List<Stmt> inner = cc.segs.get(gi).body.stmts;
                        t.stmts.remove(si);
                        t.stmts.addAll(si, inner);
                        return true;
                    });
                    if (c.segs.get(g).removable) {
                        fine.add(q -> {
                            Block t = resolve(q, method, here);
                            Compound cc = (Compound) t.stmts.get(si);
                            List<Seg> segs = new ArrayList<>(cc.segs);
                            segs.remove(gi);
                            t.stmts.set(si, new Compound(segs, cc.close));
                            return true;
                        });
                    }
                    List<int[]> sub = new ArrayList<>(path);
                    sub.add(new int[] {si, gi});
                    collect(c.segs.get(g).body, sub, method, coarse, fine);
                }
            }
        }
    }
}
