package io.github.jawait.agent.analyse;

import java.util.Objects;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.analysis.Value;

/**
 * A verifier type: what the JVM's verifier knows about a local or a stack entry. References
 * keep their precise class (needed to restore a spilled value with the right cast) and
 * objects between {@code new} and {@code <init>} are marked uninitialized (they cannot be
 * spilled).
 */
public final class TypeValue implements Value {
    public enum Kind { TOP, INT, FLOAT, LONG, DOUBLE, NULL, REF, UNINITIALIZED, RETURN_ADDRESS }

    public static final TypeValue TOP = new TypeValue(Kind.TOP, null, null);
    public static final TypeValue INT = new TypeValue(Kind.INT, Type.INT_TYPE, null);
    public static final TypeValue FLOAT = new TypeValue(Kind.FLOAT, Type.FLOAT_TYPE, null);
    public static final TypeValue LONG = new TypeValue(Kind.LONG, Type.LONG_TYPE, null);
    public static final TypeValue DOUBLE = new TypeValue(Kind.DOUBLE, Type.DOUBLE_TYPE, null);
    public static final TypeValue NULL = new TypeValue(Kind.NULL, null, null);
    public static final TypeValue RETURN_ADDRESS = new TypeValue(Kind.RETURN_ADDRESS, null, null);
    public static final TypeValue OBJECT = ref(Type.getObjectType("java/lang/Object"));

    public final Kind kind;
    /** For REF and UNINITIALIZED: the class or array type. */
    public final Type type;
    /** For UNINITIALIZED: the {@code new} instruction that made the object. */
    public final AbstractInsnNode newInsn;

    private TypeValue(Kind kind, Type type, AbstractInsnNode newInsn) {
        this.kind = kind;
        this.type = type;
        this.newInsn = newInsn;
    }

    public static TypeValue ref(Type type) {
        return new TypeValue(Kind.REF, type, null);
    }

    public static TypeValue uninitialized(Type type, AbstractInsnNode newInsn) {
        return new TypeValue(Kind.UNINITIALIZED, type, newInsn);
    }

    @Override
    public int getSize() {
        return kind == Kind.LONG || kind == Kind.DOUBLE ? 2 : 1;
    }

    public boolean isReference() {
        return kind == Kind.REF || kind == Kind.NULL;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TypeValue v && v.kind == kind && Objects.equals(v.type, type)
                && v.newInsn == newInsn;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Objects.hashCode(type);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case REF -> type.getDescriptor();
            case UNINITIALIZED -> "uninitialized " + type.getInternalName();
            default -> kind.name();
        };
    }
}
