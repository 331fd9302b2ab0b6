package io.github.jawait.agent.analyse;

import io.github.jawait.agent.Diagnostics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Phase 2, analyse: the calls in one method that block a thread, by the {@link
 * BlockingCallTable}. A call matches when the table names its method and its owner is the
 * table's type or a subtype of it, read from class-file bytes through the {@link
 * ClassHierarchy} the rewrite already has. Only the method's own instructions are looked at:
 * lambda bodies and method references are other methods, which may well run on another
 * thread ({@code toThread(() -> Files.readString(p))}).
 */
public final class BlockingCalls {
    /** A blocking call: where it is, what it calls and the table entry that matched. */
    public record Call(int line, String owner, String name, BlockingCallTable.Entry entry) {
        /** {@code java.io.FileInputStream.read}, or {@code new java.net.Socket} for a constructor. */
        public String called() {
            String type = owner.replace('/', '.');
            return "<init>".equals(name) ? "new " + type : type + "." + name;
        }
    }

    /**
     * Whether a JDK type is a subtype of another, shared by every rewrite: the JDK's classes are
     * the same for every loader, so each pair is read from class files once per JVM.
     */
    private static final Map<String, Boolean> JDK_SUBTYPES = new ConcurrentHashMap<>();
    /**
     * The same for other classes, per class loader: every class a loader defines sees the same
     * hierarchy, and a rewrite's own {@link ClassHierarchy} lives for one class only. Weak, so a
     * loader that is thrown away takes its entries with it.
     */
    private static final Map<ClassLoader, Map<String, Boolean>> SUBTYPES_BY_LOADER =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private BlockingCalls() {
    }

    /** The blocking calls of {@code m} in instruction order, one per line and called method. */
    public static List<Call> find(MethodNode m, ClassHierarchy hierarchy, BlockingCallTable table) {
        List<Call> calls = null;
        Set<String> seen = null;
        for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
            if (!(n instanceof MethodInsnNode mi)) {
                continue;
            }
            List<BlockingCallTable.Entry> candidates = table.candidates(mi.name, mi.desc);
            if (candidates.isEmpty()) {
                continue; // most calls: one hash lookup, no hierarchy
            }
            BlockingCallTable.Entry entry = match(mi, candidates, table, hierarchy);
            if (entry == null) {
                continue;
            }
            int line = Diagnostics.lineOf(n);
            if (seen == null) {
                seen = new HashSet<>();
                calls = new ArrayList<>();
            }
            // a finally block is compiled once per exit: the same call, the same line
            if (seen.add(line + " " + mi.owner + "." + mi.name + mi.desc)) {
                calls.add(new Call(line, mi.owner, mi.name, entry));
            }
        }
        return calls == null ? List.of() : calls;
    }

    private static BlockingCallTable.Entry match(MethodInsnNode mi, List<BlockingCallTable.Entry> candidates,
            BlockingCallTable table, ClassHierarchy hierarchy) {
        for (BlockingCallTable.Entry e : candidates) {
            if (isSubtype(mi.owner, e.type(), hierarchy)) {
                for (BlockingCallTable.Entry x : table.exemptions(mi.name, mi.desc)) {
                    if (isSubtype(mi.owner, x.type(), hierarchy)) {
                        return null; // an in-memory stream, say: its reads do not wait
                    }
                }
                return e;
            }
        }
        return null;
    }

    private static boolean isSubtype(String sub, String sup, ClassHierarchy hierarchy) {
        if (sub.equals(sup) || "java/lang/Object".equals(sup)) {
            return true;
        }
        if (sub.startsWith("[")) {
            return false;
        }
        if (sub.startsWith("java/")) { // only the boot and platform loaders define java.*
            return JDK_SUBTYPES.computeIfAbsent(sub + ";" + sup, k -> hierarchy.isAssignableFrom(sup, sub));
        }
        Map<String, Boolean> seen = SUBTYPES_BY_LOADER.computeIfAbsent(hierarchy.loader(),
                l -> new ConcurrentHashMap<>());
        return seen.computeIfAbsent(sub + ";" + sup, k -> hierarchy.isAssignableFrom(sup, sub));
    }
}
