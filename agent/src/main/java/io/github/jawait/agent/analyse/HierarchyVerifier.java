package io.github.jawait.agent.analyse;

import java.util.List;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.SimpleVerifier;

/**
 * ASM's {@link SimpleVerifier} with the type hierarchy read from class-file bytes
 * ({@link ClassHierarchy}) instead of loaded classes, so it can run inside a transformer. Used
 * to check a rewritten method whose saved values had to be restored as a less precise type.
 */
public final class HierarchyVerifier extends SimpleVerifier {
    private final ClassHierarchy hierarchy;

    private HierarchyVerifier(String owner, String superName, List<Type> interfaces, boolean isInterface,
            ClassHierarchy hierarchy) {
        super(ASM9, Type.getObjectType(owner), superName == null ? null : Type.getObjectType(superName),
                interfaces, isInterface);
        this.hierarchy = hierarchy;
    }

    /** Verifies {@code m}, a method of class {@code owner}; throws the verifier's complaint. */
    public static void check(String owner, String superName, List<String> interfaces, boolean isInterface,
            MethodNode m, ClassHierarchy hierarchy) throws AnalyzerException {
        int maxLocals = m.maxLocals;
        int maxStack = m.maxStack;
        int needed = Type.getArgumentsAndReturnSizes(m.desc) >> 2;
        for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof VarInsnNode v) {
                needed = Math.max(needed, v.var + 2);
            } else if (n instanceof IincInsnNode i) {
                needed = Math.max(needed, i.var + 1);
            }
        }
        m.maxLocals = Math.max(maxLocals, needed);
        m.maxStack = maxStack + 16;
        try {
            new Analyzer<BasicValue>(new HierarchyVerifier(owner, superName,
                    interfaces.stream().map(Type::getObjectType).toList(), isInterface, hierarchy))
                    .analyze(owner, m);
        } finally {
            m.maxLocals = maxLocals;
            m.maxStack = maxStack;
        }
    }

    @Override
    protected boolean isInterface(Type type) {
        return hierarchy.isInterface(type.getInternalName());
    }

    @Override
    protected Type getSuperClass(Type type) {
        String s = hierarchy.superName(type.getInternalName());
        return s == null ? null : Type.getObjectType(s);
    }

    @Override
    protected boolean isAssignableFrom(Type type1, Type type2) {
        if (type1.equals(type2)) {
            return true;
        }
        if (type1.getSort() == Type.ARRAY || type2.getSort() == Type.ARRAY) {
            if (type1.getSort() != Type.ARRAY) {
                return "java/lang/Object".equals(type1.getInternalName())
                        || "java/lang/Cloneable".equals(type1.getInternalName())
                        || "java/io/Serializable".equals(type1.getInternalName());
            }
            if (type2.getSort() != Type.ARRAY) {
                return false;
            }
            Type e1 = Type.getType(type1.getDescriptor().substring(1));
            Type e2 = Type.getType(type2.getDescriptor().substring(1));
            boolean r1 = e1.getSort() >= Type.ARRAY;
            boolean r2 = e2.getSort() >= Type.ARRAY;
            return r1 && r2 ? isAssignableFrom(e1, e2) : e1.equals(e2);
        }
        if (isInterface(type1)) {
            return true; // the verifier treats interface types as Object
        }
        return hierarchy.isAssignableFrom(type1.getInternalName(), type2.getInternalName());
    }

    @Override
    protected boolean isSubTypeOf(BasicValue value, BasicValue expected) {
        Type e = expected.getType();
        Type t = value.getType();
        if (isReference(e) && isReference(t)) {
            return NULL.equals(t) || isAssignableFrom(e, t);
        }
        return super.isSubTypeOf(value, expected);
    }

    @Override
    public BasicValue merge(BasicValue value1, BasicValue value2) {
        Type t1 = value1.getType();
        Type t2 = value2.getType();
        if (!value1.equals(value2) && isReference(t1) && isReference(t2) && !NULL.equals(t1) && !NULL.equals(t2)
                && t1.getSort() == Type.ARRAY && t2.getSort() == Type.ARRAY) {
            Type e1 = Type.getType(t1.getDescriptor().substring(1));
            Type e2 = Type.getType(t2.getDescriptor().substring(1));
            if (isReference(e1) && isReference(e2)) { // element-wise, as the verifier
                Type e = merge(newValue(e1), newValue(e2)).getType();
                return newValue(Type.getType("[" + e.getDescriptor()));
            }
            return newValue(Type.getObjectType("java/lang/Object"));
        }
        return super.merge(value1, value2);
    }

    private static final Type NULL = Type.getObjectType("null");

    private static boolean isReference(Type t) {
        return t != null && (t.getSort() == Type.OBJECT || t.getSort() == Type.ARRAY);
    }

    @Override
    protected Class<?> getClass(Type type) {
        throw new UnsupportedOperationException("HierarchyVerifier loads no classes: " + type);
    }
}
