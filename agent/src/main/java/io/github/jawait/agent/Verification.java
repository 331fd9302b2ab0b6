package io.github.jawait.agent;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Checks rewritten classes with ASM's {@link CheckClassAdapter}: structure, and (with a
 * loader) a data-flow verification of every method. Used by the agent's {@code verify} option
 * and by the tests; the class loader is only used outside a transformer.
 */
public final class Verification {
    private Verification() {
    }

    /** Structural check plus basic data flow, loading nothing; returns "" when the class is fine. */
    public static String checkStructure(byte[] classFile) {
        try {
            new ClassReader(classFile).accept(new CheckClassAdapter(null, true), 0);
            return "";
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    /** Full check with type inference through {@code loader}; returns "" when the class is fine. */
    public static String checkWithTypes(byte[] classFile, ClassLoader loader) {
        StringWriter out = new StringWriter();
        try (PrintWriter pw = new PrintWriter(out)) {
            CheckClassAdapter.verify(new ClassReader(classFile), loader, false, pw);
        }
        return out.toString();
    }
}
