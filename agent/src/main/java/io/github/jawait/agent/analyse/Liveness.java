package io.github.jawait.agent.analyse;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Phase 2, analyse: which local-variable slots are live around each instruction of a method,
 * that is, may be read on some path from there before they are written. A value that is dead
 * at an await need not be saved across it: that saves frame space and lets the garbage
 * collector take what the dead local held.
 *
 * <p>Computed once, backwards, with a worklist over the instructions (pseudo-instructions
 * included, so indices are those of {@link InsnList#indexOf}): {@code in[i]} is the set of slots
 * live just before instruction {@code i}:
 * <pre>
 *   in[i] = use(i) + (out(i) - def(i)) + in[h] for every handler h whose try range holds i
 *   out(i) = in[s] for every normal successor s of i (next, jump targets, switch targets)
 * </pre>
 * {@code xLOAD} uses its slot, {@code xSTORE} defines it, {@code IINC} does both. A long or a
 * double is keyed by its first slot, as the analyzer frames are. Any instruction of a try range
 * may throw, before or after it has written anything, so whatever is live at the handler is live
 * at every instruction of the range, never killed by a store there. Returns and {@code athrow}
 * have no successor. A method with {@code jsr}/{@code ret} (class files older than Java 7) is
 * not analysed: every slot is reported live.
 *
 * <p>The sets are only valid for the instruction list as it was when they were computed; the
 * planner checks {@link #size()} against the list it walks.
 */
public final class Liveness implements Opcodes {
    private static final int[] NONE = new int[0];

    private final int size;
    private final int maxLocals;
    /** Live-in per instruction; null when every slot is live (jsr/ret). */
    private final BitSet[] in;
    /** Normal successors per instruction ({@code null}: just the next one). */
    private final int[][] successors;
    /** Handler starts whose try range holds the instruction ({@code null}: none). */
    private final int[][] handlers;

    private Liveness(int size, int maxLocals, BitSet[] in, int[][] successors, int[][] handlers) {
        this.size = size;
        this.maxLocals = maxLocals;
        this.in = in;
        this.successors = successors;
        this.handlers = handlers;
    }

    /** Computes the liveness of {@code m}'s locals on its current instruction list. */
    public static Liveness compute(MethodNode m) {
        InsnList list = m.instructions;
        AbstractInsnNode[] insns = list.toArray();
        int n = insns.length;
        for (AbstractInsnNode insn : insns) {
            if (insn.getOpcode() == JSR || insn.getOpcode() == RET) {
                return new Liveness(n, m.maxLocals, null, null, null);
            }
        }
        int[][] successors = new int[n][];
        int[][] handlers = new int[n][];
        int[] predCount = new int[n];
        for (int i = 0; i < n; i++) {
            successors[i] = normalSuccessors(list, insns[i], i, n);
            if (successors[i] == null) {
                if (i + 1 < n) {
                    predCount[i + 1]++;
                }
            } else {
                for (int s : successors[i]) {
                    predCount[s]++;
                }
            }
        }
        if (m.tryCatchBlocks != null) {
            for (TryCatchBlockNode tcb : m.tryCatchBlocks) {
                int h = list.indexOf(tcb.handler);
                for (int i = list.indexOf(tcb.start), end = list.indexOf(tcb.end); i < end; i++) {
                    handlers[i] = append(handlers[i], h);
                    predCount[h]++;
                }
            }
        }
        // predecessors in one array (CSR): preds of i are pred[start[i] .. start[i + 1])
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + predCount[i];
        }
        int[] pred = new int[start[n]];
        int[] fill = start.clone();
        for (int i = 0; i < n; i++) {
            if (successors[i] == null) {
                if (i + 1 < n) {
                    pred[fill[i + 1]++] = i;
                }
            } else {
                for (int s : successors[i]) {
                    pred[fill[s]++] = i;
                }
            }
            if (handlers[i] != null) {
                for (int h : handlers[i]) {
                    pred[fill[h]++] = i;
                }
            }
        }

        BitSet[] in = new BitSet[n];
        for (int i = 0; i < n; i++) {
            in[i] = new BitSet();
        }
        // a stack worklist, seeded so that the last instruction is taken first
        int[] work = new int[n];
        boolean[] queued = new boolean[n];
        int top = 0;
        for (int i = 0; i < n; i++) {
            work[top++] = i;
            queued[i] = true;
        }
        BitSet scratch = new BitSet();
        while (top > 0) {
            int i = work[--top];
            queued[i] = false;
            scratch.clear();
            if (successors[i] == null) {
                if (i + 1 < n) {
                    scratch.or(in[i + 1]);
                }
            } else {
                for (int s : successors[i]) {
                    scratch.or(in[s]);
                }
            }
            AbstractInsnNode insn = insns[i];
            if (insn instanceof VarInsnNode v) {
                if (v.getOpcode() >= ISTORE && v.getOpcode() <= ASTORE) {
                    scratch.clear(v.var);
                } else {
                    scratch.set(v.var);
                }
            } else if (insn instanceof IincInsnNode inc) {
                scratch.set(inc.var);
            }
            if (handlers[i] != null) {
                for (int h : handlers[i]) {
                    scratch.or(in[h]);
                }
            }
            // the sets only grow (the transfer is monotone and starts from empty)
            if (!scratch.equals(in[i])) {
                in[i].or(scratch);
                for (int p = start[i]; p < start[i + 1]; p++) {
                    int q = pred[p];
                    if (!queued[q]) {
                        queued[q] = true;
                        work[top++] = q;
                    }
                }
            }
        }
        return new Liveness(n, m.maxLocals, in, successors, handlers);
    }

    /** The number of instructions the sets were computed for. */
    public int size() {
        return size;
    }

    /** Whether the method has {@code jsr}/{@code ret}, so that every slot is reported live. */
    public boolean isConservative() {
        return in == null;
    }

    /** The slots live just before instruction {@code index} (a copy). */
    public BitSet liveBefore(int index) {
        if (in == null) {
            return everything();
        }
        return (BitSet) in[index].clone();
    }

    /**
     * The slots live on some path leaving instruction {@code index}: the live-in of its normal
     * successors and of the handlers of every try range that holds it (it may throw there). For
     * an await, these are the locals its suspension must save.
     */
    public BitSet liveAfter(int index) {
        if (in == null) {
            return everything();
        }
        BitSet out = new BitSet();
        if (successors[index] == null) {
            if (index + 1 < size) {
                out.or(in[index + 1]);
            }
        } else {
            for (int s : successors[index]) {
                out.or(in[s]);
            }
        }
        if (handlers[index] != null) {
            for (int h : handlers[index]) {
                out.or(in[h]);
            }
        }
        return out;
    }

    private BitSet everything() {
        BitSet all = new BitSet(maxLocals);
        all.set(0, maxLocals);
        return all;
    }

    /** Normal successors of {@code insn}, or null when it just falls through to the next one. */
    private static int[] normalSuccessors(InsnList list, AbstractInsnNode insn, int i, int n) {
        if (insn instanceof JumpInsnNode j) {
            int target = list.indexOf(j.label);
            if (j.getOpcode() == GOTO) {
                return new int[] {target};
            }
            return i + 1 < n ? new int[] {target, i + 1} : new int[] {target};
        }
        if (insn instanceof TableSwitchInsnNode t) {
            return targets(list, t.dflt, t.labels);
        }
        if (insn instanceof LookupSwitchInsnNode l) {
            return targets(list, l.dflt, l.labels);
        }
        int op = insn.getOpcode();
        if ((op >= IRETURN && op <= RETURN) || op == ATHROW) {
            return NONE;
        }
        return null;
    }

    private static int[] targets(InsnList list, LabelNode dflt, List<LabelNode> labels) {
        int[] out = new int[labels.size() + 1];
        out[0] = list.indexOf(dflt);
        for (int k = 0; k < labels.size(); k++) {
            out[k + 1] = list.indexOf(labels.get(k));
        }
        return out;
    }

    private static int[] append(int[] a, int v) {
        if (a == null) {
            return new int[] {v};
        }
        int[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = v;
        return b;
    }
}
