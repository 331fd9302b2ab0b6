package io.github.jawait.agent.analyse;

import java.util.List;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.Interpreter;

/**
 * Computes verifier types for ASM's {@code Analyzer}, like the JVM's type-checking verifier:
 * precise reference types, merged at joins through {@link ClassHierarchy}; {@code null} as its
 * own type; {@code new} objects uninitialized until their constructor runs (see
 * {@link TypeFrame}). It checks nothing: the input was already verified by javac or ECJ.
 */
public final class TypeInterpreter extends Interpreter<TypeValue> implements Opcodes {
    private final ClassHierarchy hierarchy;
    private final DeclaredFrames declared;
    private final org.objectweb.asm.tree.InsnList insns;
    /** Where the values being merged meet: the frame merged into, and local slot or stack entry. */
    TypeFrame mergingInto;
    java.util.function.ToIntFunction<TypeFrame> indexOf = f -> -1;
    int slot;
    boolean stackSlot;

    public TypeInterpreter(ClassHierarchy hierarchy) {
        this(hierarchy, DeclaredFrames.none(), null);
    }

    TypeInterpreter(ClassHierarchy hierarchy, DeclaredFrames declared, org.objectweb.asm.tree.InsnList insns) {
        super(ASM9);
        this.hierarchy = hierarchy;
        this.declared = declared;
        this.insns = insns;
    }

    @Override
    public TypeValue newValue(Type type) {
        if (type == null) {
            return TypeValue.TOP;
        }
        return switch (type.getSort()) {
            case Type.VOID -> null;
            case Type.BOOLEAN, Type.CHAR, Type.BYTE, Type.SHORT, Type.INT -> TypeValue.INT;
            case Type.FLOAT -> TypeValue.FLOAT;
            case Type.LONG -> TypeValue.LONG;
            case Type.DOUBLE -> TypeValue.DOUBLE;
            default -> TypeValue.ref(type);
        };
    }

    @Override
    public TypeValue newOperation(AbstractInsnNode insn) {
        switch (insn.getOpcode()) {
            case ACONST_NULL:
                return TypeValue.NULL;
            case ICONST_M1: case ICONST_0: case ICONST_1: case ICONST_2: case ICONST_3:
            case ICONST_4: case ICONST_5: case BIPUSH: case SIPUSH:
                return TypeValue.INT;
            case LCONST_0: case LCONST_1:
                return TypeValue.LONG;
            case FCONST_0: case FCONST_1: case FCONST_2:
                return TypeValue.FLOAT;
            case DCONST_0: case DCONST_1:
                return TypeValue.DOUBLE;
            case LDC:
                return ldc(((LdcInsnNode) insn).cst);
            case JSR:
                return TypeValue.RETURN_ADDRESS;
            case GETSTATIC:
                return newValue(Type.getType(((FieldInsnNode) insn).desc));
            case NEW:
                return TypeValue.uninitialized(Type.getObjectType(((TypeInsnNode) insn).desc), insn);
            default:
                throw new IllegalArgumentException("unexpected instruction " + insn.getOpcode());
        }
    }

    private TypeValue ldc(Object cst) {
        if (cst instanceof Integer) {
            return TypeValue.INT;
        } else if (cst instanceof Float) {
            return TypeValue.FLOAT;
        } else if (cst instanceof Long) {
            return TypeValue.LONG;
        } else if (cst instanceof Double) {
            return TypeValue.DOUBLE;
        } else if (cst instanceof String) {
            return TypeValue.ref(Type.getObjectType("java/lang/String"));
        } else if (cst instanceof Type t) {
            return TypeValue.ref(Type.getObjectType(t.getSort() == Type.METHOD
                    ? "java/lang/invoke/MethodType" : "java/lang/Class"));
        } else if (cst instanceof Handle) {
            return TypeValue.ref(Type.getObjectType("java/lang/invoke/MethodHandle"));
        } else if (cst instanceof ConstantDynamic cd) {
            return newValue(Type.getType(cd.getDescriptor()));
        }
        throw new IllegalArgumentException("unexpected constant " + cst);
    }

    @Override
    public TypeValue copyOperation(AbstractInsnNode insn, TypeValue value) {
        return value;
    }

    @Override
    public TypeValue unaryOperation(AbstractInsnNode insn, TypeValue value) {
        switch (insn.getOpcode()) {
            case INEG: case IINC: case L2I: case F2I: case D2I: case I2B: case I2C: case I2S:
            case ARRAYLENGTH: case INSTANCEOF:
                return TypeValue.INT;
            case FNEG: case I2F: case L2F: case D2F:
                return TypeValue.FLOAT;
            case LNEG: case I2L: case F2L: case D2L:
                return TypeValue.LONG;
            case DNEG: case I2D: case L2D: case F2D:
                return TypeValue.DOUBLE;
            case GETFIELD:
                return newValue(Type.getType(((FieldInsnNode) insn).desc));
            case NEWARRAY:
                return TypeValue.ref(Type.getType("[" + primitiveDescriptor(((org.objectweb.asm.tree.IntInsnNode) insn).operand)));
            case ANEWARRAY:
                return TypeValue.ref(Type.getType("[" + Type.getObjectType(((TypeInsnNode) insn).desc).getDescriptor()));
            case CHECKCAST:
                return TypeValue.ref(Type.getObjectType(((TypeInsnNode) insn).desc));
            default:
                return null; // jumps, returns, stores, monitor, athrow
        }
    }

    private static String primitiveDescriptor(int operand) {
        return switch (operand) {
            case T_BOOLEAN -> "Z";
            case T_CHAR -> "C";
            case T_BYTE -> "B";
            case T_SHORT -> "S";
            case T_INT -> "I";
            case T_FLOAT -> "F";
            case T_DOUBLE -> "D";
            case T_LONG -> "J";
            default -> throw new IllegalArgumentException("bad newarray type " + operand);
        };
    }

    @Override
    public TypeValue binaryOperation(AbstractInsnNode insn, TypeValue v1, TypeValue v2) {
        switch (insn.getOpcode()) {
            case IALOAD: case BALOAD: case CALOAD: case SALOAD: case IADD: case ISUB: case IMUL:
            case IDIV: case IREM: case ISHL: case ISHR: case IUSHR: case IAND: case IOR: case IXOR:
            case LCMP: case FCMPL: case FCMPG: case DCMPL: case DCMPG:
                return TypeValue.INT;
            case FALOAD: case FADD: case FSUB: case FMUL: case FDIV: case FREM:
                return TypeValue.FLOAT;
            case LALOAD: case LADD: case LSUB: case LMUL: case LDIV: case LREM: case LSHL:
            case LSHR: case LUSHR: case LAND: case LOR: case LXOR:
                return TypeValue.LONG;
            case DALOAD: case DADD: case DSUB: case DMUL: case DDIV: case DREM:
                return TypeValue.DOUBLE;
            case AALOAD:
                if (v1.kind == TypeValue.Kind.REF && v1.type.getSort() == Type.ARRAY) {
                    return newValue(Type.getType(v1.type.getDescriptor().substring(1)));
                }
                if (v1.kind == TypeValue.Kind.NULL) {
                    return TypeValue.NULL; // aaload on a null array: the code throws there
                }
                return TypeValue.OBJECT; // never guess a narrower type: a value typed null is not saved
            default:
                return null; // conditional jumps, putfield
        }
    }

    @Override
    public TypeValue ternaryOperation(AbstractInsnNode insn, TypeValue v1, TypeValue v2, TypeValue v3) {
        return null;
    }

    @Override
    public TypeValue naryOperation(AbstractInsnNode insn, List<? extends TypeValue> values) {
        if (insn.getOpcode() == MULTIANEWARRAY) {
            return newValue(Type.getType(((MultiANewArrayInsnNode) insn).desc));
        }
        if (insn.getOpcode() == INVOKEDYNAMIC) {
            return newValue(Type.getReturnType(((InvokeDynamicInsnNode) insn).desc));
        }
        return newValue(Type.getReturnType(((MethodInsnNode) insn).desc));
    }

    @Override
    public void returnOperation(AbstractInsnNode insn, TypeValue value, TypeValue expected) {
    }

    @Override
    public TypeValue merge(TypeValue a, TypeValue b) {
        if (a.equals(b)) {
            return a;
        }
        if (a.isReference() && b.isReference()) {
            if (a.kind == TypeValue.Kind.NULL) {
                return b;
            }
            if (b.kind == TypeValue.Kind.NULL) {
                return a;
            }
            try {
                return TypeValue.ref(commonSuperType(a.type, b.type));
            } catch (ClassHierarchy.MissingClassException e) {
                String type = insns == null ? null : declared.declared(insns, indexOf.applyAsInt(mergingInto), slot, stackSlot);
                if (type == null) {
                    throw e;
                }
                if (type.equals(DeclaredFrames.UNUSABLE)) {
                    return TypeValue.TOP; // the original code never reads it before a store
                }
                if (a.type.getSort() == Type.OBJECT && b.type.getSort() == Type.OBJECT) {
                    hierarchy.declareMerge(a.type.getInternalName(), b.type.getInternalName(), type);
                }
                return TypeValue.ref(Type.getObjectType(type));
            }
        }
        return TypeValue.TOP;
    }

    /**
     * As the verifier: arrays of references merge element-wise ({@code String[][]} and
     * {@code Integer[]} give {@code Object[]}), any other mix with an array gives Object.
     */
    private Type commonSuperType(Type a, Type b) {
        if (a.equals(b)) {
            return a;
        }
        if (a.getSort() == Type.ARRAY && b.getSort() == Type.ARRAY) {
            Type ca = Type.getType(a.getDescriptor().substring(1));
            Type cb = Type.getType(b.getDescriptor().substring(1));
            if (isReference(ca) && isReference(cb)) {
                return Type.getType("[" + commonSuperType(ca, cb).getDescriptor());
            }
            return TypeValue.OBJECT.type;
        }
        if (a.getSort() == Type.ARRAY || b.getSort() == Type.ARRAY) {
            return TypeValue.OBJECT.type;
        }
        return Type.getObjectType(hierarchy.commonSuperClass(a.getInternalName(), b.getInternalName()));
    }

    private static boolean isReference(Type t) {
        return t.getSort() == Type.OBJECT || t.getSort() == Type.ARRAY;
    }
}
