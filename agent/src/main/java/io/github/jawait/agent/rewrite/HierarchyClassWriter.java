package io.github.jawait.agent.rewrite;

import io.github.jawait.agent.analyse.ClassHierarchy;
import org.objectweb.asm.ClassWriter;

/** A {@link ClassWriter} that computes frames from class-file bytes, never loading a class. */
public final class HierarchyClassWriter extends ClassWriter {
    private final ClassHierarchy hierarchy;

    public HierarchyClassWriter(ClassHierarchy hierarchy) {
        super(COMPUTE_FRAMES);
        this.hierarchy = hierarchy;
    }

    @Override
    protected String getCommonSuperClass(String type1, String type2) {
        return hierarchy.commonSuperClass(type1, type2);
    }
}
