package io.github.jawait.agent;

import io.github.jawait.agent.analyse.BlockingCallTable;
import io.github.jawait.agent.analyse.BlockingCalls;
import io.github.jawait.agent.analyse.ClassHierarchy;
import io.github.jawait.agent.analyse.DeclaredFrames;
import io.github.jawait.agent.analyse.HierarchyVerifier;
import io.github.jawait.agent.analyse.Liveness;
import io.github.jawait.agent.analyse.MethodAnalysis;
import io.github.jawait.agent.analyse.MonitorDepth;
import io.github.jawait.agent.analyse.TypeValue;
import io.github.jawait.agent.plan.DirectCallSites;
import io.github.jawait.agent.plan.Planner;
import io.github.jawait.agent.plan.StateMachinePlan;
import io.github.jawait.agent.rewrite.AwaitLowering;
import io.github.jawait.agent.rewrite.ConstructorCallMover;
import io.github.jawait.agent.rewrite.MethodCopy;
import io.github.jawait.agent.rewrite.MethodFrames;
import io.github.jawait.agent.rewrite.RefusalEmitter;
import io.github.jawait.agent.rewrite.StateMachineEmitter;
import io.github.jawait.agent.scan.CheapScan;
import io.github.jawait.agent.scan.MethodClassifier;
import io.github.jawait.agent.scan.MethodRole;
import io.github.jawait.agent.scan.RewrittenMarker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.LimitExceededException;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Rewrites one class: scan (is there anything?), then for each method classify, analyse,
 * plan and rewrite; each method the agent wrote gets frames computed from class-file bytes
 * ({@link MethodFrames}), every other method keeps its own. A method that fails is refused alone.
 * Refused methods are replaced by bodies that throw the reason, and the reason is logged.
 */
public final class ClassRewriter {

    /**
     * What happened to one class: its new bytes (null if untouched), the refusals, and the
     * blocking calls reported as warnings (each "class.method (File.java:line): what instead").
     */
    public record Result(byte[] bytes, List<String> refusals, List<String> blockingCalls) {
        public Result(byte[] bytes, List<String> refusals) {
            this(bytes, refusals, List.of());
        }
    }

    private final BlockingCallPolicy blocking;

    /** A rewriter that warns of blocking calls in {@code @Async} methods. */
    public ClassRewriter() {
        this(BlockingCallPolicy.WARN);
    }

    public ClassRewriter(BlockingCallPolicy blocking) {
        this.blocking = blocking;
    }

    /** Rewrites {@code classFile}; {@code loader} is where its supertypes' bytes are found. */
    public Result rewrite(byte[] classFile, ClassLoader loader) {
        if (!CheapScan.mentionsJawait(classFile)) {
            return new Result(null, List.of());
        }
        // with frames: methods left alone keep them
        BytecodeOffsets read = BytecodeOffsets.read(classFile, ClassReader.EXPAND_FRAMES);
        ClassNode cn = read.node;
        ClassReader reader = read.reader;
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
        List<String> blockingCalls = new ArrayList<>();
        List<MethodNode> methods = new ArrayList<>(cn.methods);
        List<MethodNode> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (MethodNode m : methods) {
            names.add(m.name);
        }
        // each method to rewrite gets its resume method's name first: calls between them need it
        Map<String, String> resumeNames = new HashMap<>();
        Map<String, Integer> access = new HashMap<>();
        for (MethodNode m : methods) {
            access.put(m.name + m.desc, m.access);
            if (roleOf(m) == MethodRole.REWRITE) {
                resumeNames.put(m.name + m.desc, uniqueName(names, m.name + "$resume"));
            }
        }
        DirectCallSites directCalls = (cn.version & 0xFFFF) < Opcodes.V1_8 ? DirectCallSites.none(cn.name)
                : DirectCallSites.of(cn.name, (cn.access & Opcodes.ACC_FINAL) != 0, methods, resumeNames, access);
        boolean changed = false;
        for (MethodNode m : methods) {
            String variantName = directCalls.variantOf(m.name + m.desc);
            try {
                MethodRole role = MethodClassifier.classify(m);
                if (role != MethodRole.REWRITE) {
                    out.add(m);
                    continue;
                }
                if ((cn.version & 0xFFFF) < Opcodes.V1_8) {
                    throw new RewriteRefusal("class files older than Java 8 cannot hold the"
                            + " rewritten code; compile with --release 8 or newer", Diagnostics.firstLine(m));
                }
                checkBlockingCalls(cn, m, hierarchy, blockingCalls);
                int firstLine = Diagnostics.firstLine(m);
                DeclaredFrames declared = DeclaredFrames.of(m);
                MethodFrames.strip(m);
                String resumeName = resumeNames.get(m.name + m.desc);
                MethodCopy[] forVariant = new MethodCopy[1];
                MethodNode resume = rewriteMethod(cn, m, hierarchy, declared, resumeName, directCalls,
                        variantName != null ? forVariant : null);
                MethodNode factory = withFrames(cn, m, m, hierarchy, firstLine);
                resume = withFrames(cn, resume, m, hierarchy, firstLine);
                out.add(factory);
                out.add(resume);
                if (variantName != null) {
                    out.add(directVariant(cn, m, forVariant[0], variantName, directCalls, hierarchy, firstLine));
                }
                changed = true;
            } catch (RewriteRefusal r) {
                String message = Diagnostics.where(cn, m, r.line(), read.of(r.at())) + ": " + r.getMessage();
                refusals.add(message);
                Diagnostics.refused(message);
                out.add(refused(cn, m, message, hierarchy));
                if (variantName != null) {
                    out.add(MethodFrames.compute(cn, StateMachineEmitter.deferringVariant(cn, m, variantName), hierarchy));
                }
                changed = true;
            }
        }
        if (!changed) {
            return new Result(null, refusals, blockingCalls);
        }
        cn.methods = out;
        RewrittenMarker.mark(cn);
        // every frame is known, copied or computed per method; the constant pool starts as the
        // original one, so the code left alone keeps its encoding
        ClassWriter writer = MethodFrames.unlimited(new ClassWriter(reader, 0));
        cn.accept(writer);
        return new Result(writer.toByteArray(), refusals, blockingCalls);
    }

    /** Reports the blocking calls of a method about to be rewritten, or refuses it, by the policy. */
    private void checkBlockingCalls(ClassNode cn, MethodNode m, ClassHierarchy hierarchy, List<String> report)
            throws RewriteRefusal {
        if (blocking == BlockingCallPolicy.OFF) {
            return;
        }
        List<BlockingCalls.Call> calls = BlockingCalls.find(m, hierarchy, BlockingCallTable.standard());
        if (calls.isEmpty()) {
            return;
        }
        if (blocking == BlockingCallPolicy.REFUSE) {
            throw BlockingCallReport.refusal(calls);
        }
        for (BlockingCalls.Call call : calls) {
            String message = BlockingCallReport.warning(cn, m, call);
            report.add(message);
            Diagnostics.blockingCall(message);
        }
    }

    /**
     * {@code m} (a factory or resume method made from {@code source}) with its frames computed;
     * a method the JVM could not take is refused, alone.
     */
    private static MethodNode withFrames(ClassNode cn, MethodNode m, MethodNode source, ClassHierarchy hierarchy,
            int line) throws RewriteRefusal {
        try {
            return MethodFrames.compute(cn, m, hierarchy);
        } catch (MethodTooLargeException e) {
            throw new RewriteRefusal("the method is too large once rewritten (" + e.getCodeSize() + " bytes of"
                    + " bytecode, the JVM allows 65535): it keeps " + source.maxLocals + " local variable slots"
                    + " across its awaits; split it into smaller @Async methods", line);
        } catch (ClassHierarchy.MissingClassException e) {
            throw missingClass(e, line);
        } catch (LimitExceededException e) {
            throw new RewriteRefusal("the method is too large to rewrite: computing its stack map frames"
                    + " exceeds the agent's limits (" + e.getMessage() + "); split it into smaller @Async methods",
                    line);
        }
    }

    private static RewriteRefusal missingClass(ClassHierarchy.MissingClassException e, int line) {
        return new RewriteRefusal("the class file of " + e.className() + " cannot be read through the class"
                + " loader (its getResource finds nothing), and the rewritten method needs its superclasses"
                + " to merge types where the compiler's stack map frames do not say; make the loader serve"
                + " class files as resources, or give the value a declared type (a local variable of its"
                + " common superclass)", line);
    }

    private static MethodNode refused(ClassNode cn, MethodNode m, String message, ClassHierarchy hierarchy) {
        RefusalEmitter.replaceBody(m, message);
        return MethodFrames.compute(cn, m, hierarchy); // straight-line code: no merge, no missing class
    }

    /**
     * The last resort when rewriting failed inside the agent: every method that would have been
     * rewritten throws {@code reason} instead, so nothing runs un-rewritten.
     */
    public byte[] refuseAll(byte[] classFile, ClassLoader loader, String reason) {
        ClassNode cn = new ClassNode();
        ClassReader reader = new ClassReader(classFile);
        reader.accept(cn, 0);
        ClassHierarchy hierarchy = new ClassHierarchy(loader);
        hierarchy.add(classFile);
        List<MethodNode> out = new ArrayList<>();
        for (MethodNode m : cn.methods) {
            MethodRole role;
            try {
                role = MethodClassifier.classify(m);
            } catch (RewriteRefusal r) {
                role = MethodRole.REFUSE;
            }
            out.add(role == MethodRole.LEAVE ? m
                    : refused(cn, m, Diagnostics.where(cn, m, Diagnostics.firstLine(m)) + ": " + reason, hierarchy));
        }
        cn.methods = out;
        ClassWriter writer = MethodFrames.unlimited(new ClassWriter(reader, 0));
        cn.accept(writer);
        return writer.toByteArray();
    }

    /** A method's classification for naming ahead; a method that would be refused gets no name. */
    private static MethodRole roleOf(MethodNode m) {
        try {
            return MethodClassifier.classify(m);
        } catch (RewriteRefusal r) {
            return MethodRole.REFUSE;
        }
    }

    /**
     * The direct variant of {@code m} from the copy made before its resume method was emitted;
     * if it cannot be written (too large), one that defers to the factory, so that calls stay valid.
     */
    private static MethodNode directVariant(ClassNode cn, MethodNode m, MethodCopy copy, String name,
            DirectCallSites directCalls, ClassHierarchy hierarchy, int firstLine) {
        try {
            MethodNode variant = new StateMachineEmitter(cn, copy.method(), copy.plan(), directCalls).emitDirect(name);
            return withFrames(cn, variant, m, hierarchy, firstLine);
        } catch (RewriteRefusal tooLarge) {
            return MethodFrames.compute(cn, StateMachineEmitter.deferringVariant(cn, m, name), hierarchy);
        }
    }

    private static MethodNode rewriteMethod(ClassNode cn, MethodNode m, ClassHierarchy hierarchy,
            DeclaredFrames declared, String resumeName, DirectCallSites directCalls, MethodCopy[] forVariant)
            throws RewriteRefusal {
        AwaitLowering.lower(m, hierarchy);
        Frame<TypeValue>[] frames = analyse(cn, m, hierarchy, declared);
        if (ConstructorCallMover.moveAcrossAwaits(cn.name, m, frames, hierarchy)) {
            frames = analyse(cn, m, hierarchy, declared);
        }
        // on the very instruction list the frames describe and the planner walks
        Liveness liveness = Liveness.compute(m);
        StateMachinePlan plan = Planner.plan(cn.name, m, frames, liveness, MonitorDepth.compute(m), hierarchy);
        if (forVariant != null) {
            forVariant[0] = MethodCopy.of(m, plan);
        }
        MethodNode resume = new StateMachineEmitter(cn, m, plan, directCalls).emit(resumeName);
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

    private static Frame<TypeValue>[] analyse(ClassNode cn, MethodNode m, ClassHierarchy hierarchy,
            DeclaredFrames declared) throws RewriteRefusal {
        try {
            return MethodAnalysis.frames(cn.name, m, hierarchy, declared);
        } catch (AnalyzerException e) {
            if (e.getCause() instanceof ClassHierarchy.MissingClassException missing) {
                throw missingClass(missing, e.node != null ? Diagnostics.lineOf(e.node) : Diagnostics.firstLine(m));
            }
            String reason = "cannot analyse the bytecode: " + e.getMessage();
            throw e.node != null ? new RewriteRefusal(reason, e.node) : new RewriteRefusal(reason, Diagnostics.firstLine(m));
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
