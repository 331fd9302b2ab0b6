package io.github.jawait.agent;

import io.github.jawait.agent.analyse.ClassHierarchy;
import io.github.jawait.agent.analyse.HierarchyVerifier;
import io.github.jawait.agent.analyse.Liveness;
import io.github.jawait.agent.analyse.MethodAnalysis;
import io.github.jawait.agent.analyse.MonitorDepth;
import io.github.jawait.agent.analyse.TypeValue;
import io.github.jawait.agent.plan.Planner;
import io.github.jawait.agent.plan.StateMachinePlan;
import io.github.jawait.agent.rewrite.AwaitLowering;
import io.github.jawait.agent.rewrite.ConstructorCallMover;
import io.github.jawait.agent.rewrite.HierarchyClassWriter;
import io.github.jawait.agent.rewrite.RefusalEmitter;
import io.github.jawait.agent.rewrite.StateMachineEmitter;
import io.github.jawait.agent.scan.CheapScan;
import io.github.jawait.agent.scan.MethodClassifier;
import io.github.jawait.agent.scan.MethodRole;
import io.github.jawait.agent.scan.RewrittenMarker;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Rewrites one class: scan (is there anything?), then for each method classify, analyse,
 * plan and rewrite; then write the class with frames computed from class-file bytes.
 * Refused methods are replaced by bodies that throw the reason, and the reason is logged.
 */
public final class ClassRewriter {

    /** What happened to one class: its new bytes (null if untouched) and the refusals. */
    public record Result(byte[] bytes, List<String> refusals) {
    }

    /** Rewrites {@code classFile}; {@code loader} is where its supertypes' bytes are found. */
    public Result rewrite(byte[] classFile, ClassLoader loader) {
        if (!CheapScan.mentionsJawait(classFile)) {
            return new Result(null, List.of());
        }
        ClassNode cn = new ClassNode();
        new ClassReader(classFile).accept(cn, ClassReader.SKIP_FRAMES);
        if (!CheapScan.eligibleName(cn.name)) {
            return new Result(null, List.of());
        }
        String marked = RewrittenMarker.versionOf(classFile);
        if (marked != null) {
            // rewritten at build time: done already, or by another version whose code may not fit this runtime
            if (marked.equals(RewrittenMarker.VERSION)) {
                return new Result(null, List.of());
            }
            String message = cn.name.replace('/', '.') + ": " + RewrittenMarker.mismatch(marked);
            Diagnostics.refused(message);
            return new Result(refuseAll(classFile, loader, RewrittenMarker.mismatch(marked)), List.of(message));
        }
        ClassHierarchy hierarchy = new ClassHierarchy(loader);
        hierarchy.add(classFile);
        List<String> refusals = new ArrayList<>();
        List<MethodNode> added = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (MethodNode m : cn.methods) {
            names.add(m.name);
        }
        boolean changed = false;
        for (MethodNode m : cn.methods) {
            try {
                MethodRole role = MethodClassifier.classify(m);
                if (role == MethodRole.REWRITE) {
                    if ((cn.version & 0xFFFF) < Opcodes.V1_8) {
                        throw new RewriteRefusal("class files older than Java 8 cannot hold the"
                                + " rewritten code; compile with --release 8 or newer", Diagnostics.firstLine(m));
                    }
                    added.add(rewriteMethod(cn, m, hierarchy, uniqueName(names, m.name + "$resume")));
                    changed = true;
                }
            } catch (RewriteRefusal r) {
                String message = Diagnostics.where(cn, m, r.line()) + ": " + r.getMessage();
                refusals.add(message);
                Diagnostics.refused(message);
                RefusalEmitter.replaceBody(m, message);
                changed = true;
            }
        }
        if (!changed) {
            return new Result(null, refusals);
        }
        cn.methods.addAll(added);
        RewrittenMarker.mark(cn);
        HierarchyClassWriter writer = new HierarchyClassWriter(hierarchy);
        cn.accept(writer);
        return new Result(writer.toByteArray(), refusals);
    }

    /**
     * The last resort when rewriting failed inside the agent: every method that would have been
     * rewritten throws {@code reason} instead, so nothing runs un-rewritten.
     */
    public byte[] refuseAll(byte[] classFile, ClassLoader loader, String reason) {
        ClassNode cn = new ClassNode();
        new ClassReader(classFile).accept(cn, ClassReader.SKIP_FRAMES);
        for (MethodNode m : cn.methods) {
            MethodRole role;
            try {
                role = MethodClassifier.classify(m);
            } catch (RewriteRefusal r) {
                role = MethodRole.REFUSE;
            }
            if (role != MethodRole.LEAVE) {
                RefusalEmitter.replaceBody(m, Diagnostics.where(cn, m, Diagnostics.firstLine(m)) + ": " + reason);
            }
        }
        ClassHierarchy hierarchy = new ClassHierarchy(loader);
        hierarchy.add(classFile);
        HierarchyClassWriter writer = new HierarchyClassWriter(hierarchy);
        cn.accept(writer);
        return writer.toByteArray();
    }

    private static MethodNode rewriteMethod(ClassNode cn, MethodNode m, ClassHierarchy hierarchy, String resumeName)
            throws RewriteRefusal {
        AwaitLowering.lower(m, hierarchy);
        Frame<TypeValue>[] frames = analyse(cn, m, hierarchy);
        if (ConstructorCallMover.moveAcrossAwaits(m, frames)) {
            frames = analyse(cn, m, hierarchy);
        }
        // on the very instruction list the frames describe and the planner walks
        Liveness liveness = Liveness.compute(m);
        StateMachinePlan plan = Planner.plan(cn.name, m, frames, liveness, MonitorDepth.compute(m), hierarchy);
        MethodNode resume = new StateMachineEmitter(cn, m, plan).emit(resumeName);
        if (!plan.unnameable().isEmpty()) {
            // values restored as a superclass: make sure the code after the await accepts that
            try {
                HierarchyVerifier.check(cn.name, cn.superName, cn.interfaces, (cn.access & Opcodes.ACC_INTERFACE) != 0,
                        resume, hierarchy);
            } catch (AnalyzerException e) {
                throw new RewriteRefusal("a value of class " + String.join(", ", plan.unnameable())
                        + ", which this class may not name, is live across an await and is used as that"
                        + " class afterwards; finish using it before the await, or keep it in a"
                        + " variable of a public type (" + e.getMessage() + ")",
                        e.node != null ? Diagnostics.lineOf(e.node) : Diagnostics.firstLine(resume));
            }
        }
        return resume;
    }

    private static Frame<TypeValue>[] analyse(ClassNode cn, MethodNode m, ClassHierarchy hierarchy)
            throws RewriteRefusal {
        try {
            return MethodAnalysis.frames(cn.name, m, hierarchy);
        } catch (AnalyzerException e) {
            int line = e.node != null ? Diagnostics.lineOf(e.node) : Diagnostics.firstLine(m);
            throw new RewriteRefusal("cannot analyse the bytecode: " + e.getMessage(), line);
        }
    }

    private static String uniqueName(Set<String> names, String base) {
        String name = base;
        for (int i = 2; !names.add(name); i++) {
            name = base + "$" + i;
        }
        return name;
    }
}
