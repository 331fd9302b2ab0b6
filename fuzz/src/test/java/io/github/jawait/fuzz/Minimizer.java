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

    Minimizer(Predicate<String> stillFails, int maxTries) {
        this.stillFails = stillFails;
        this.maxTries = maxTries;
    }

    /** An edit of a copy of the program; returns false if it does not apply. */
    private interface Edit {
        boolean apply(Program p);
    }

    Program minimize(Program original) {
        Program best = original.copy();
        boolean progress = true;
        while (progress && tries < maxTries) {
            progress = false;
            for (Edit e : edits(best)) {
                if (tries >= maxTries) {
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
