package io.github.jawait.agent.plan;

import io.github.jawait.agent.Diagnostics;
import io.github.jawait.agent.Names;
import io.github.jawait.agent.RewriteRefusal;
import io.github.jawait.agent.analyse.ClassHierarchy;
import io.github.jawait.agent.analyse.Liveness;
import io.github.jawait.agent.analyse.TypeValue;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Phase 3, plan: from the analysed frames and the liveness of locals, decides what each await
 * saves and where. A local is saved only if it has a verifier type there and is live right
 * after the await (read again on some path, the await's exception handlers included, before it
 * is overwritten); every operand-stack entry under the awaitable is saved. References go in
 * reference slots, primitives as raw bits in primitive slots, never boxed; slots are reused
 * from one await to the next, so the frame needs as many as the largest single need, and its
 * {@link FrameShape} (fields, or arrays past a bound) is chosen from that.
 */
public final class Planner {
    private Planner() {
    }

    public static StateMachinePlan plan(String owner, MethodNode m, Frame<TypeValue>[] frames, Liveness liveness,
            int[] monitorDepth, ClassHierarchy hierarchy) throws RewriteRefusal {
        if (liveness.size() != m.instructions.size() || frames.length != m.instructions.size()) {
            throw new IllegalStateException("frames or liveness computed on another instruction list");
        }
        List<Spill> parameters = parameters(owner, m);
        int pointRefCount = 0;
        int pointPrimCount = 0;
        List<SuspensionPoint> points = new ArrayList<>();
        Set<String> unnameable = new LinkedHashSet<>();
        int label = 1;
        for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
            if (!(n instanceof MethodInsnNode call) || !Names.isAwait(call.owner, call.name)) {
                continue;
            }
            int at = m.instructions.indexOf(n);
            Frame<TypeValue> f = frames[at];
            if (f == null) {
                continue; // unreachable: the class writer drops it
            }
            int line = Diagnostics.lineOf(n);
            if (monitorDepth[at] > 0) {
                throw new RewriteRefusal(suspension(call) + " inside synchronized: the loop thread would hold the"
                        + " monitor while other tasks run; use io.github.jawait.sync.Lock instead", n);
            }
            Slots slots = new Slots();
            List<Spill> locals = new ArrayList<>();
            BitSet live = liveness.liveAfter(at); // the await call itself reads and writes no local
            for (int i = 0; i < f.getLocals(); i++) {
                TypeValue v = f.getLocal(i);
                if (v.kind != TypeValue.Kind.TOP && live.get(i)) {
                    check(v, line, "local variable " + i);
                    locals.add(slots.take(i, nameable(v, owner, hierarchy, unnameable)));
                }
            }
            List<Spill> stack = new ArrayList<>();
            for (int i = 0; i < f.getStackSize() - 1; i++) {
                TypeValue v = f.getStack(i);
                check(v, line, "operand stack entry " + i);
                stack.add(slots.take(i, nameable(v, owner, hierarchy, unnameable)));
            }
            pointRefCount = Math.max(pointRefCount, slots.refs);
            pointPrimCount = Math.max(pointPrimCount, slots.prims);
            points.add(new SuspensionPoint(call, label++, line, locals, stack));
        }
        int refCount = Math.max(count(parameters, true), pointRefCount);
        int primCount = Math.max(count(parameters, false), pointPrimCount);
        return new StateMachinePlan(points, parameters, refCount, primCount, pointRefCount, pointPrimCount,
                List.copyOf(unnameable), FrameShape.choose(refCount, primCount));
    }

    /**
     * The type a saved reference is cast back to on restore: its verifier type, or, when the
     * owner may not name that class, its nearest superclass that it may name. That superclass
     * is still at least as specific as the type javac gave the value, which the owner can name.
     */
    private static TypeValue nameable(TypeValue v, String owner, ClassHierarchy hierarchy, Set<String> unnameable) {
        if (v.kind != TypeValue.Kind.REF) {
            return v;
        }
        Type element = v.type.getSort() == Type.ARRAY ? v.type.getElementType() : v.type;
        if (element.getSort() != Type.OBJECT) {
            return v;
        }
        String accessible = hierarchy.accessibleSuperclass(element.getInternalName(), owner);
        if (accessible.equals(element.getInternalName())) {
            return v;
        }
        unnameable.add(element.getClassName());
        String dims = v.type.getSort() == Type.ARRAY ? "[".repeat(v.type.getDimensions()) : "";
        return TypeValue.ref(Type.getType(dims + Type.getObjectType(accessible).getDescriptor()));
    }

    /** What the user wrote at an await: AwaitLowering expresses emit and async close as awaits. */
    private static String suspension(MethodInsnNode await) {
        AbstractInsnNode prev = await.getPrevious();
        if (prev instanceof MethodInsnNode mi && Names.STATE_MACHINE.equals(mi.owner) && "emission".equals(mi.name)) {
            return "emit(...)";
        }
        if (prev instanceof MethodInsnNode mi && ("closeAsync".equals(mi.name) || "closeResource".equals(mi.name))) {
            return "try-with-resources closing an AsyncCloseable (an await of closeAsync())";
        }
        return "await";
    }

    private static void check(TypeValue v, int line, String what) throws RewriteRefusal {
        if (v.kind == TypeValue.Kind.UNINITIALIZED) {
            throw new RewriteRefusal("an object under construction (" + v.type.getClassName()
                    + ") is live in " + what + " across an await in a shape the agent cannot move;"
                    + " await into a local variable first", line);
        }
        if (v.kind == TypeValue.Kind.RETURN_ADDRESS) {
            throw new RewriteRefusal("await inside a jsr subroutine (class files older than"
                    + " Java 7) cannot be rewritten", line);
        }
    }

    private static List<Spill> parameters(String owner, MethodNode m) {
        Slots slots = new Slots();
        List<Spill> out = new ArrayList<>();
        int local = 0;
        if ((m.access & Opcodes.ACC_STATIC) == 0) {
            out.add(slots.take(local++, TypeValue.ref(Type.getObjectType(owner))));
        }
        for (Type t : Type.getArgumentTypes(m.desc)) {
            TypeValue v = switch (t.getSort()) {
                case Type.BOOLEAN, Type.CHAR, Type.BYTE, Type.SHORT, Type.INT -> TypeValue.INT;
                case Type.FLOAT -> TypeValue.FLOAT;
                case Type.LONG -> TypeValue.LONG;
                case Type.DOUBLE -> TypeValue.DOUBLE;
                default -> TypeValue.ref(t);
            };
            out.add(slots.take(local, v));
            local += t.getSize();
        }
        return out;
    }

    private static int count(List<Spill> spills, boolean refs) {
        int n = 0;
        for (Spill s : spills) {
            if (!s.isNull() && s.inRefs() == refs) {
                n++;
            }
        }
        return n;
    }

    /** Hands out the next free slot of each array. */
    private static final class Slots {
        int refs;
        int prims;

        Spill take(int index, TypeValue v) {
            if (v.kind == TypeValue.Kind.NULL) {
                return new Spill(index, v, -1);
            }
            return new Spill(index, v, v.kind == TypeValue.Kind.REF ? refs++ : prims++);
        }
    }
}
