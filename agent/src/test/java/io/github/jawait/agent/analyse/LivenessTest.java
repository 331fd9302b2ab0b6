package io.github.jawait.agent.analyse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/** Liveness of locals on hand-built instruction lists and on methods compiled by javac. */
class LivenessTest implements Opcodes {

    // ---- hand-built methods: every instruction is listed, so indices are known ----

    private static MethodNode method(int maxLocals, AbstractInsnNode... insns) {
        MethodNode m = new MethodNode(ACC_STATIC, "m", "()V", null, null);
        m.maxLocals = maxLocals;
        for (AbstractInsnNode n : insns) {
            m.instructions.add(n);
        }
        return m;
    }

    private static BitSet bits(int... slots) {
        BitSet b = new BitSet();
        for (int s : slots) {
            b.set(s);
        }
        return b;
    }

    private static MethodInsnNode call() {
        return new MethodInsnNode(INVOKESTATIC, "X", "call", "()V", false);
    }

    @Test
    void aStoreKillsAndALoadMakesLive() {
        MethodNode m = method(3,
                new InsnNode(ICONST_1),         // 0
                new VarInsnNode(ISTORE, 1),     // 1
                call(),                         // 2: 1 and 2 live (both read below, 0 never)
                new VarInsnNode(ILOAD, 1),      // 3
                new VarInsnNode(ALOAD, 2),      // 4
                new InsnNode(POP2),             // 5
                new InsnNode(ICONST_0),         // 6
                new VarInsnNode(ISTORE, 2),     // 7: 2 is written again ...
                call(),                         // 8: ... so it is dead here
                new VarInsnNode(ILOAD, 2),      // 9: ... and live again after the store (read here)
                new InsnNode(POP),
                new InsnNode(RETURN));
        Liveness l = Liveness.compute(m);
        assertEquals(m.instructions.size(), l.size());
        assertFalse(l.isConservative());
        assertEquals(bits(2), l.liveBefore(0));
        assertEquals(bits(1, 2), l.liveAfter(1));
        assertEquals(bits(1, 2), l.liveAfter(2));
        assertEquals(bits(2), l.liveAfter(3));
        assertEquals(bits(), l.liveAfter(4));
        assertEquals(bits(), l.liveBefore(7));
        assertEquals(bits(2), l.liveAfter(7));
        assertEquals(bits(2), l.liveAfter(8));
        assertEquals(bits(), l.liveAfter(9));
        assertEquals(bits(), l.liveAfter(11));
    }

    @Test
    void iincReadsItsSlot() {
        MethodNode m = method(2,
                call(),                         // 0: 1 is live: iinc reads it
                new IincInsnNode(1, 1),         // 1
                call(),                         // 2: and 1 is read again
                new VarInsnNode(ILOAD, 1),
                new InsnNode(IRETURN));
        Liveness l = Liveness.compute(m);
        assertEquals(bits(1), l.liveAfter(0));
        assertEquals(bits(1), l.liveBefore(1));
        assertEquals(bits(1), l.liveAfter(2));
    }

    @Test
    void longAndDoubleAreKeyedByTheirFirstSlot() {
        MethodNode m = method(6,
                new VarInsnNode(LLOAD, 0),
                new VarInsnNode(DSTORE, 3),     // 1: 3-4 written, from 0-1
                call(),                         // 2: only the double at 3 is live
                new VarInsnNode(DLOAD, 3),
                new InsnNode(DRETURN));
        Liveness l = Liveness.compute(m);
        assertEquals(bits(0), l.liveBefore(0));
        assertEquals(bits(3), l.liveAfter(2));
        assertFalse(l.liveAfter(2).get(4));
    }

    @Test
    void aLoopKeepsALocalReadAtItsHeadLive() {
        LabelNode head = new LabelNode();
        LabelNode exit = new LabelNode();
        MethodNode m = method(3,
                new InsnNode(ICONST_0),
                new VarInsnNode(ISTORE, 1),     // 1
                new VarInsnNode(ALOAD, 0),
                new VarInsnNode(ASTORE, 2),     // 3
                head,                           // 4
                new VarInsnNode(ILOAD, 1),      // 5
                new JumpInsnNode(IFNE, exit),   // 6
                call(),                         // 7: 1 live through the back edge, 2 dead (read after the loop? no)
                new IincInsnNode(1, 1),         // 8
                new JumpInsnNode(GOTO, head),   // 9
                exit,                           // 10
                call(),                         // 11: nothing is live
                new InsnNode(RETURN));
        Liveness l = Liveness.compute(m);
        assertEquals(bits(1), l.liveAfter(7));
        assertEquals(bits(1), l.liveAfter(9));
        assertEquals(bits(), l.liveAfter(11));
        assertEquals(bits(0), l.liveBefore(0));
        assertEquals(bits(1), l.liveAfter(3));
    }

    @Test
    void switchTargetsAreSuccessors() {
        LabelNode a = new LabelNode();
        LabelNode b = new LabelNode();
        LabelNode dflt = new LabelNode();
        LabelNode c = new LabelNode();
        MethodNode table = method(5,
                call(),                                         // 0
                new VarInsnNode(ILOAD, 0),                      // 1
                new TableSwitchInsnNode(0, 1, dflt, a, b),      // 2
                a, new VarInsnNode(ILOAD, 1), new InsnNode(IRETURN),
                b, new VarInsnNode(ILOAD, 2), new InsnNode(IRETURN),
                dflt, new VarInsnNode(ILOAD, 3), new InsnNode(IRETURN));
        Liveness l = Liveness.compute(table);
        assertEquals(bits(0, 1, 2, 3), l.liveAfter(0));
        assertEquals(bits(1, 2, 3), l.liveAfter(2));

        MethodNode lookup = method(5,
                call(),
                new VarInsnNode(ILOAD, 0),
                new LookupSwitchInsnNode(dflt, new int[] {5, 500}, new LabelNode[] {a, c}),
                a, new VarInsnNode(ILOAD, 1), new InsnNode(IRETURN),
                c, new VarInsnNode(ILOAD, 4), new InsnNode(IRETURN),
                dflt, new VarInsnNode(ILOAD, 3), new InsnNode(IRETURN));
        assertEquals(bits(0, 1, 3, 4), Liveness.compute(lookup).liveAfter(0));
    }

    @Test
    void returnsAndThrowsEndLiveness() {
        LabelNode other = new LabelNode();
        MethodNode m = method(3,
                new VarInsnNode(ILOAD, 0),
                new JumpInsnNode(IFEQ, other),  // 1
                call(),                         // 2: the athrow path reads slot 1 only
                new VarInsnNode(ALOAD, 1),
                new InsnNode(ATHROW),           // 4
                other,
                call(),                         // 6
                new VarInsnNode(ALOAD, 2),
                new InsnNode(ARETURN));         // 8
        Liveness l = Liveness.compute(m);
        assertEquals(bits(1), l.liveAfter(2));
        assertEquals(bits(), l.liveAfter(4));
        assertEquals(bits(2), l.liveAfter(6));
        assertEquals(bits(), l.liveAfter(8));
        assertEquals(bits(1, 2), l.liveAfter(1));
    }

    @Test
    void whatAHandlerReadsIsLiveThroughoutItsTryRange() {
        LabelNode start = new LabelNode();
        LabelNode end = new LabelNode();
        LabelNode handler = new LabelNode();
        LabelNode after = new LabelNode();
        MethodNode m = method(4,
                new InsnNode(ICONST_1),
                new VarInsnNode(ISTORE, 1),     // 1
                start,                          // 2
                new InsnNode(ICONST_2),
                new VarInsnNode(ISTORE, 1),     // 4: a store inside the range does not kill it
                call(),                         // 5: 1 live for the handler, 2 live on the normal path
                new InsnNode(ICONST_3),
                new VarInsnNode(ISTORE, 1),     // 7
                end,                            // 8
                new VarInsnNode(ALOAD, 2),
                new InsnNode(ARETURN),
                handler,                        // 11
                new VarInsnNode(ASTORE, 3),
                new VarInsnNode(ILOAD, 1),
                new InsnNode(POP),
                after,
                new InsnNode(ACONST_NULL),
                new InsnNode(ARETURN));
        m.tryCatchBlocks = List.of(new TryCatchBlockNode(start, end, handler, "java/lang/RuntimeException"));
        Liveness l = Liveness.compute(m);
        assertEquals(bits(1, 2), l.liveAfter(5));
        assertEquals(bits(1, 2), l.liveBefore(4));
        assertEquals(bits(1, 2), l.liveBefore(7));
        assertEquals(bits(1, 2), l.liveAfter(7)); // still inside the range
        assertEquals(bits(2), l.liveBefore(8));   // past the range: only the normal path
        assertEquals(bits(1, 2), l.liveAfter(1)); // the handler may run before the store at 4
        assertEquals(bits(1), l.liveBefore(11));
    }

    @Test
    void jsrMakesEverySlotLive() {
        LabelNode sub = new LabelNode();
        MethodNode m = method(3,
                new JumpInsnNode(JSR, sub),     // 0
                call(),                         // 1
                new InsnNode(RETURN),
                sub,
                new VarInsnNode(ASTORE, 2),
                new VarInsnNode(RET, 2));
        Liveness l = Liveness.compute(m);
        assertTrue(l.isConservative());
        assertEquals(bits(0, 1, 2), l.liveAfter(1));
        assertEquals(bits(0, 1, 2), l.liveBefore(0));
    }

    @Test
    void aLongMethodConverges() {
        // 3,000 sequential blocks in a loop: the worklist stays near-linear
        MethodNode m = method(2, new InsnNode(ICONST_0), new VarInsnNode(ISTORE, 1));
        LabelNode head = new LabelNode();
        m.instructions.add(head);
        for (int i = 0; i < 3000; i++) {
            LabelNode skip = new LabelNode();
            m.instructions.add(new VarInsnNode(ILOAD, 0));
            m.instructions.add(new JumpInsnNode(IFEQ, skip));
            m.instructions.add(call());
            m.instructions.add(skip);
        }
        m.instructions.add(new VarInsnNode(ILOAD, 1));
        m.instructions.add(new JumpInsnNode(IFEQ, head));
        m.instructions.add(new InsnNode(RETURN));
        Liveness l = Liveness.compute(m);
        for (int i = 3; i < l.size() - 3; i++) {
            assertEquals(bits(0, 1), l.liveAfter(i), "at " + i);
        }
    }

    // ---- methods compiled by javac ----

    private static MethodNode compiled(String name) throws IOException {
        ClassNode cn = new ClassNode();
        try (InputStream in = LivenessTest.class.getResourceAsStream("LivenessFixtures.class")) {
            new ClassReader(in.readAllBytes()).accept(cn, 0);
        }
        return cn.methods.stream().filter(m -> m.name.equals(name)).findFirst().orElseThrow();
    }

    /** The set live after the {@code k}-th call to {@code point()}, as local names. */
    private static List<String> liveAtPoint(MethodNode m, int k) {
        Liveness l = Liveness.compute(m);
        int seen = 0;
        for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof MethodInsnNode call && call.name.equals("point") && seen++ == k) {
                int at = m.instructions.indexOf(n);
                BitSet live = l.liveAfter(at);
                return m.localVariables.stream()
                        .filter(v -> live.get(v.index) && covers(m, v, at))
                        .map(v -> v.name).sorted().toList();
            }
        }
        throw new AssertionError("no point " + k + " in " + m.name);
    }

    private static boolean covers(MethodNode m, LocalVariableNode v, int at) {
        return m.instructions.indexOf(v.start) <= at && at < m.instructions.indexOf(v.end);
    }

    @Test
    void compiledDeadParameter() throws IOException {
        assertEquals(List.of("kept"), liveAtPoint(compiled("deadParameter"), 0));
    }

    @Test
    void compiledLoop() throws IOException {
        assertEquals(List.of("i", "sum", "xs"), liveAtPoint(compiled("loop"), 0));
    }

    @Test
    void compiledHandlerReadsALocal() throws IOException {
        // big is dead after read(big); seen is live for the handler although it is overwritten
        assertEquals(List.of("seen"), liveAtPoint(compiled("handlerReads"), 0));
    }

    @Test
    void compiledLongAndDouble() throws IOException {
        assertEquals(List.of("scale", "total"), liveAtPoint(compiled("wide"), 0));
    }

    @Test
    void compiledThisDeadAfterItsLastUse() throws IOException {
        assertEquals(List.of("h"), liveAtPoint(compiled("instanceLastUse"), 0));
    }

    @Test
    void compiledSwitch() throws IOException {
        assertEquals(List.of("a", "b", "c", "k"), liveAtPoint(compiled("switched"), 0));
    }
}
