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
        Analyzer<TypeValue> analyzer = new Analyzer<>(new TypeInterpreter(hierarchy)) {
            @Override
            protected Frame<TypeValue> newFrame(int numLocals, int numStack) {
                return new TypeFrame(numLocals, numStack);
            }

            @Override
            protected Frame<TypeValue> newFrame(Frame<? extends TypeValue> frame) {
                return new TypeFrame(frame);
            }
        };
        return analyzer.analyze(owner, method);
    }
}
