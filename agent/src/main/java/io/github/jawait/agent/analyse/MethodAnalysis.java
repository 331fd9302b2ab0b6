package io.github.jawait.agent.analyse;

import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Phase 2, analyse: the verifier type of every local and stack entry before each instruction
 * of a method ({@code null} for unreachable instructions).
 */
public final class MethodAnalysis {
    private MethodAnalysis() {
    }

    public static Frame<TypeValue>[] frames(String owner, MethodNode method, ClassHierarchy hierarchy)
            throws AnalyzerException {
        return frames(owner, method, hierarchy, DeclaredFrames.none());
    }

    /**
     * As {@link #frames(String, MethodNode, ClassHierarchy)}; where a merge needs a class file
     * that cannot be read, the type the compiler declared there ({@code declared}) is taken.
     */
    public static Frame<TypeValue>[] frames(String owner, MethodNode method, ClassHierarchy hierarchy,
            DeclaredFrames declared) throws AnalyzerException {
        TypeInterpreter types = new TypeInterpreter(hierarchy, declared, method.instructions);
        Analyzer<TypeValue> analyzer = new Analyzer<>(types) {

            @Override
            protected Frame<TypeValue> newFrame(int numLocals, int numStack) {
                return new TypeFrame(numLocals, numStack);
            }

            @Override
            protected Frame<TypeValue> newFrame(Frame<? extends TypeValue> frame) {
                return new TypeFrame(frame);
            }
        };
        types.indexOf = frame -> { // only when a class is missing: the frame's instruction
            Frame<TypeValue>[] all = analyzer.getFrames();
            for (int i = 0; i < all.length; i++) {
                if (all[i] == frame) {
                    return i;
                }
            }
            return -1;
        };
        return analyzer.analyze(owner, method);
    }
}
