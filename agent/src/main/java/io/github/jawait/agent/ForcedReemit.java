package io.github.jawait.agent;

import io.github.jawait.agent.analyse.ClassHierarchy;
import io.github.jawait.agent.analyse.DeclaredFrames;
import io.github.jawait.agent.analyse.Liveness;
import io.github.jawait.agent.analyse.MethodAnalysis;
import io.github.jawait.agent.analyse.MonitorDepth;
import io.github.jawait.agent.rewrite.MethodFrames;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.LimitExceededException;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;

/**
 * A test mode, never used by the agent itself (issue 14): every method with code of a class is
 * put through what a rewritten method goes through except the state machine (the compiler's
 * frames dropped, the type analysis with the declared frames as fallback, liveness, monitor
 * depth, frames and maxima recomputed by the agent's class writer) and the class is written
 * again. Run over third-party jars and verified by the JVM, it shows the analysis and the frame
 * computation hold for bytecode that javac and ECJ in the fuzzer never produce. One instance
 * per class loader: it keeps the hierarchy it has read.
 */
public final class ForcedReemit {
    /** One class written again: its bytes, how many methods were re-emitted, and those that could not be. */
    public record Result(byte[] bytes, int methods, List<String> notReemitted) {
    }

    private final ClassHierarchy hierarchy;

    public ForcedReemit(ClassLoader loader) {
        this.hierarchy = new ClassHierarchy(loader);
    }

    public Result reemit(byte[] classFile) {
        hierarchy.add(classFile);
        ClassNode cn = new ClassNode();
        ClassReader reader = new ClassReader(classFile);
        reader.accept(cn, ClassReader.EXPAND_FRAMES);
        List<MethodNode> out = new ArrayList<>();
        List<String> not = new ArrayList<>();
        int methods = 0;
        for (MethodNode m : cn.methods) {
            if (m.instructions.size() == 0) {
                out.add(m);
                continue;
            }
            MethodNode original = copy(m);
            try {
                DeclaredFrames declared = DeclaredFrames.of(m);
                MethodFrames.strip(m);
                MethodAnalysis.frames(cn.name, m, hierarchy, declared);
                Liveness.compute(m);
                MonitorDepth.compute(m);
                out.add(MethodFrames.compute(cn, m, hierarchy));
                methods++;
            } catch (ClassHierarchy.MissingClassException e) {
                not.add(cn.name + "." + m.name + m.desc + ": needs the class file of " + e.className());
                out.add(original);
            } catch (AnalyzerException | MethodTooLargeException | LimitExceededException e) {
                not.add(cn.name + "." + m.name + m.desc + ": " + e);
                out.add(original);
            }
        }
        cn.methods = out;
        ClassWriter writer = MethodFrames.unlimited(new ClassWriter(reader, 0));
        cn.accept(writer);
        return new Result(writer.toByteArray(), methods, not);
    }

    private static MethodNode copy(MethodNode m) {
        MethodNode c = new MethodNode(m.access, m.name, m.desc, m.signature, m.exceptions.toArray(new String[0]));
        m.accept(c);
        return c;
    }
}
