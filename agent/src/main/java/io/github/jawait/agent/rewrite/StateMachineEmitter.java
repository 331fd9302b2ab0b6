package io.github.jawait.agent.rewrite;

import io.github.jawait.agent.Names;
import io.github.jawait.agent.analyse.TypeValue;
import io.github.jawait.agent.plan.DirectCallSites;
import io.github.jawait.agent.plan.FrameShape;
import io.github.jawait.agent.plan.Spill;
import io.github.jawait.agent.plan.StateMachinePlan;
import io.github.jawait.agent.plan.SuspensionPoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Phase 4, rewrite: turns one planned method into a factory plus a resume method.
 *
 * <pre>
 * Coroutine&lt;T&gt; m(args)          new Shape(indy AsyncMethod(m$resume, "Owner.m")), args stored; runs nothing
 * static void m$resume(frame)    f = (Shape) frame; switch (f.label) { 0: load args, drop what no await needs; k: restore await k }
 *                                the user's code, where each await k is
 *                                  dup; if (!isDoneIn(aw, frame)) { save live values; clear stale refs; suspend(frame, k, aw); return; }
 *                                  call_k: awaitDone(aw)        (the user's line, in the user's try blocks)
 *                                and each return r is complete(frame, r); return
 * restore_k (after the code)     reload values; aw = takeAwaiting(frame); goto call_k
 * </pre>
 * An await of a direct call ({@link DirectCallSites}) calls the callee's variant instead of its
 * factory and reads its value, or takes its suspended frame and goes on as above:
 * <pre>
 *   frame.label = k; r = f$resume(args, frame); if (r == SUSPENDED) { aw = takeAwaiting(frame); ...as above... } else value = r
 * </pre>
 * {@link #emitDirect} makes that variant from a copy of the method: the same code from label 0,
 * with the arguments where the method has them, no frame until an await must suspend.
 * Values are saved in the plan's {@link FrameShape}: fields {@code r0..}/{@code p0..} of an
 * inline shape (GETFIELD/PUTFIELD on the shape's own class), or the {@code refs}/{@code prims}
 * arrays of {@code ArrayFrame}. Only {@link #storeSlot}, {@link #loadSlot} and the clearing of
 * dead references differ between the two.
 */
public final class StateMachineEmitter implements Opcodes {
    private static final String SM = Names.STATE_MACHINE;
    /** Makes the method's {@code AsyncMethod} constant: its resume function plus its name. */
    private static final Handle ASYNC_METHOD_BOOTSTRAP = new Handle(H_INVOKESTATIC, Names.ASYNC_METHOD,
            "bootstrap", "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;"
            + "Ljava/lang/invoke/MethodHandle;Ljava/lang/String;Ljava/lang/String;)Ljava/lang/invoke/CallSite;", false);

    private final ClassNode owner;
    private final MethodNode method;
    private final StateMachinePlan plan;
    private final FrameShape shape;
    private final boolean ownerIsInterface;
    private final DirectCallSites directCalls;
    private Set<LabelNode> jumpTargets;
    /** Emitting the direct variant: no frame until needed, the caller's frame in {@link #callerLocal}. */
    private boolean direct;
    private int callerLocal;
    /** In the variant of an instance method: its receiver, for the factory. */
    private int receiverLocal;
    /** In the variant: how many levels below its anchor ({@link #callerLocal}) it runs. */
    private int depthLocal;
    /** In the variant: the handlers of its direct calls made with no frame, innermost in the table. */
    private final List<TryCatchBlockNode> siteHandlers = new ArrayList<>();
    /** The variant's own returns (a suspension's), which are not the user's. */
    private final Set<AbstractInsnNode> ownReturns = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private int frameLocal;
    /** Holds the await's label on the way to a shared save block. */
    private int labelTemp;
    private int tempBase;
    /** Awaits that save the same locals in the same slots share one save and one restore block. */
    private final Map<List<Spill>, SharedBlocks> shared = new HashMap<>();
    private final Map<SuspensionPoint, LabelNode> stubs = new IdentityHashMap<>();
    private LabelNode invalid;
    /** Each await as the local-variable table must know it ({@link LocalVariableRanges}). */
    private final List<LocalVariableRanges.Await> awaitRanges = new ArrayList<>();

    /** The save and restore code of the locals, written once for several awaits. */
    private static final class SharedBlocks {
        final LabelNode save = new LabelNode();
        final LabelNode restore = new LabelNode();
        final List<SuspensionPoint> members = new ArrayList<>();
        boolean emitted;
    }

    /**
     * Awaits with the same locals to save (same slots, same types: typically a loop, or a long
     * method whose locals stay live across many awaits) share their save and restore code,
     * which keeps big methods far from the JVM's 64 KB limit. Two locals or more: below that
     * the jump costs as much as it saves.
     */
    private void groupSharedBlocks() {
        Map<List<Spill>, SharedBlocks> candidates = new HashMap<>();
        for (SuspensionPoint p : plan.points()) {
            if (p.locals().size() >= 2) {
                candidates.computeIfAbsent(p.locals(), k -> new SharedBlocks()).members.add(p);
            }
        }
        for (Map.Entry<List<Spill>, SharedBlocks> e : candidates.entrySet()) {
            if (e.getValue().members.size() >= 2) {
                shared.put(e.getKey(), e.getValue());
                for (SuspensionPoint p : e.getValue().members) {
                    stubs.put(p, new LabelNode());
                }
            }
        }
    }

    public StateMachineEmitter(ClassNode owner, MethodNode method, StateMachinePlan plan) {
        this(owner, method, plan, DirectCallSites.none(owner.name));
    }

    public StateMachineEmitter(ClassNode owner, MethodNode method, StateMachinePlan plan, DirectCallSites directCalls) {
        this.owner = owner;
        this.directCalls = directCalls;
        this.method = method;
        this.plan = plan;
        this.shape = plan.shape();
        this.ownerIsInterface = (owner.access & ACC_INTERFACE) != 0;
    }

    /**
     * Where each await is, for task dumps: {@code File.java:12,15,20} gives the source line of
     * await 1, 2, 3 (0 where the class has no line numbers).
     */
    private String awaitLines() {
        int[] lines = new int[plan.points().size()];
        for (SuspensionPoint p : plan.points()) {
            if (p.label() >= 1 && p.label() <= lines.length) {
                lines[p.label() - 1] = Math.max(0, p.line());
            }
        }
        StringBuilder b = new StringBuilder(owner.sourceFile != null ? owner.sourceFile : "");
        b.append(':');
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(lines[i]);
        }
        return b.toString();
    }

    /** Rewrites {@code method} in place into the factory and returns the new resume method. */
    public MethodNode emit(String resumeName) {
        frameLocal = method.maxLocals;
        labelTemp = frameLocal + 1;
        tempBase = frameLocal + 2;
        jumpTargets = DirectCallSites.jumpTargets(method);
        groupSharedBlocks();

        MethodNode resume = new MethodNode(ACC_PRIVATE | ACC_STATIC | ACC_SYNTHETIC, resumeName,
                Names.RESUME_DESC, null, null);
        invalid = new LabelNode();
        InsnList code = method.instructions;
        List<LabelNode> resumeLabels = new ArrayList<>();
        InsnList tail = new InsnList();
        for (SuspensionPoint p : plan.points()) {
            resumeLabels.add(rewriteAwait(code, p, tail));
        }
        rewriteReturns(code);

        InsnList prologue = new InsnList();
        LabelNode start = new LabelNode();
        prologue.add(new VarInsnNode(ALOAD, 0));
        if (!Names.FRAME.equals(shape.internalName())) {
            prologue.add(new TypeInsnNode(CHECKCAST, shape.internalName())); // once per resume
        }
        prologue.add(new VarInsnNode(ASTORE, frameLocal));
        prologue.add(new VarInsnNode(ALOAD, frameLocal));
        prologue.add(new FieldInsnNode(GETFIELD, Names.FRAME, "label", "I"));
        LabelNode[] targets = new LabelNode[resumeLabels.size() + 1];
        targets[0] = start;
        for (int i = 0; i < resumeLabels.size(); i++) {
            targets[i + 1] = resumeLabels.get(i);
        }
        prologue.add(new TableSwitchInsnNode(0, targets.length - 1, invalid, targets));
        prologue.add(start);
        for (Spill s : plan.parameters()) {
            restore(prologue, s, true);
        }
        // an array that only carried the arguments is dropped: no await saves anything in it;
        // inline reference fields are cleared instead (primitive fields hold nothing reachable)
        boolean dropRefs = plan.refCount() > 0 && plan.pointRefCount() == 0;
        boolean dropPrims = plan.primCount() > 0 && plan.pointPrimCount() == 0;
        if (shape.inline()) {
            if (dropRefs) {
                clearRefFields(prologue, 0);
            }
        } else if (dropRefs || dropPrims) {
            prologue.add(new VarInsnNode(ALOAD, frameLocal));
            prologue.add(new InsnNode(dropRefs ? ICONST_1 : ICONST_0));
            prologue.add(new InsnNode(dropPrims ? ICONST_1 : ICONST_0));
            prologue.add(new MethodInsnNode(INVOKESTATIC, SM, "argumentsRestored", "(L" + Names.ARRAY_FRAME + ";ZZ)V", false));
        }
        code.insert(prologue);

        code.add(invalid);
        code.add(new VarInsnNode(ALOAD, frameLocal));
        code.add(new MethodInsnNode(INVOKESTATIC, SM, "invalidLabel", "(" + Names.FRAME_DESC + ")Ljava/lang/Error;", false));
        code.add(new InsnNode(ATHROW));
        code.add(tail);

        resume.instructions = code;
        resume.tryCatchBlocks = method.tryCatchBlocks;
        resume.localVariables = LocalVariableRanges.trim(code, method.localVariables, awaitRanges);
        resume.visibleLocalVariableAnnotations = method.visibleLocalVariableAnnotations;
        resume.invisibleLocalVariableAnnotations = method.invisibleLocalVariableAnnotations;
        resume.maxLocals = tempBase + 4;
        resume.maxStack = method.maxStack + 4;

        method.instructions = factoryBody(resumeName);
        method.tryCatchBlocks = new ArrayList<>();
        method.localVariables = null;
        method.visibleLocalVariableAnnotations = null;
        method.invisibleLocalVariableAnnotations = null;
        return resume;
    }

    /** Inserts the suspend path before the await and returns the label of its restore block. */
    private LabelNode rewriteAwait(InsnList code, SuspensionPoint p, InsnList tail) {
        MethodInsnNode await = p.await();
        LabelNode call = new LabelNode();
        LabelNode value = rewriteDirectCall(code, p);
        InsnList suspend = new InsnList();
        if (direct) {
            // no frame yet: a finished awaitable is read without making one
            suspend.add(new InsnNode(DUP));
            suspend.add(new VarInsnNode(ALOAD, frameLocal));
            suspend.add(new MethodInsnNode(INVOKESTATIC, Names.DIRECT_CALL, "isDone",
                    "(Ljava/lang/Object;" + Names.FRAME_DESC + ")Z", false));
            suspend.add(new JumpInsnNode(IFNE, call));
            makeFrameIfNone(suspend);
        }
        suspend.add(new InsnNode(DUP));
        // the frame goes along: a new coroutine awaited here may run at once, on this Java stack
        suspend.add(new VarInsnNode(ALOAD, frameLocal));
        suspend.add(new MethodInsnNode(INVOKESTATIC, SM, "isDoneIn", "(Ljava/lang/Object;" + Names.FRAME_DESC + ")Z", false));
        suspend.add(new JumpInsnNode(IFNE, call));
        // park the operand stack in temporaries: the awaitable first (it is on top)
        int awaitableTemp = tempBase;
        suspend.add(new VarInsnNode(ASTORE, awaitableTemp));
        int[] stackTemps = new int[p.stack().size()];
        int next = awaitableTemp + 1;
        for (int i = 0; i < stackTemps.length; i++) {
            stackTemps[i] = next;
            next += p.stack().get(i).type().getSize();
        }
        for (int i = stackTemps.length - 1; i >= 0; i--) {
            Spill s = p.stack().get(i);
            if (s.isNull()) {
                suspend.add(new InsnNode(POP));
            } else {
                suspend.add(new VarInsnNode(storeOpcode(s.type()), stackTemps[i]));
            }
        }
        SharedBlocks group = shared.get(p.locals());
        if (group == null) {
            for (Spill s : p.locals()) {
                save(suspend, s, s.index());
            }
        }
        for (int i = 0; i < stackTemps.length; i++) {
            save(suspend, p.stack().get(i), stackTemps[i]);
        }
        if (plan.pointRefCount() > 0 && p.refSlots() < plan.refCount()) {
            // the slots above may hold arguments or values saved at another await, dead here
            if (shape.inline()) {
                clearRefFields(suspend, p.refSlots());
            } else {
                suspend.add(new VarInsnNode(ALOAD, frameLocal));
                suspend.add(intConst(p.refSlots()));
                suspend.add(new MethodInsnNode(INVOKESTATIC, SM, "clearRefs", "(L" + Names.ARRAY_FRAME + ";I)V", false));
            }
        }
        if (group == null) {
            suspendAndReturn(suspend, intConst(p.label()), awaitableTemp);
        } else {
            suspend.add(intConst(p.label()));
            suspend.add(new VarInsnNode(ISTORE, labelTemp));
            suspend.add(new JumpInsnNode(GOTO, group.save));
        }
        suspend.add(call);
        LabelNode suspendStart = new LabelNode();
        suspend.insert(suspendStart);
        java.util.Set<Integer> carried = new java.util.HashSet<>();
        for (Spill s : p.locals()) {
            carried.add(s.index());
        }
        awaitRanges.add(new LocalVariableRanges.Await(suspendStart, call, carried));
        code.insertBefore(await, suspend);
        MethodInsnNode done = new MethodInsnNode(INVOKESTATIC, SM, "awaitDone", "(Ljava/lang/Object;)Ljava/lang/Object;", false);
        code.set(await, done);
        if (value != null) {
            code.insert(done, value);
        }
        if (direct) {
            if (group != null && !group.emitted) {
                group.emitted = true;
                emitShared(tail, p.locals(), group, awaitableTemp);
            }
            return null; // the variant never resumes: its frame does, in the resume method
        }

        LabelNode restoreLabel;
        if (group == null) {
            restoreLabel = new LabelNode();
            tail.add(restoreLabel);
            if (p.line() > 0) {
                tail.add(new LineNumberNode(p.line(), restoreLabel));
            }
            for (Spill s : p.locals()) {
                restore(tail, s, true);
            }
        } else {
            if (!group.emitted) {
                group.emitted = true;
                emitShared(tail, p.locals(), group, awaitableTemp);
            }
            restoreLabel = group.restore;
            LabelNode stub = stubs.get(p);
            tail.add(stub);
            if (p.line() > 0) {
                tail.add(new LineNumberNode(p.line(), stub));
            }
        }
        for (Spill s : p.stack()) {
            restore(tail, s, false);
        }
        tail.add(new VarInsnNode(ALOAD, frameLocal));
        tail.add(new MethodInsnNode(INVOKESTATIC, SM, "takeAwaiting", "(" + Names.FRAME_DESC + ")Ljava/lang/Object;", false));
        tail.add(new JumpInsnNode(GOTO, call));
        return restoreLabel;
    }

    private void suspendAndReturn(InsnList out, AbstractInsnNode label, int awaitableTemp) {
        out.add(new VarInsnNode(ALOAD, frameLocal));
        out.add(label);
        out.add(new VarInsnNode(ALOAD, awaitableTemp));
        out.add(new MethodInsnNode(INVOKESTATIC, SM, "suspend", "(" + Names.FRAME_DESC + "ILjava/lang/Object;)V", false));
        if (direct) {
            out.add(new VarInsnNode(ALOAD, frameLocal));
            out.add(new MethodInsnNode(INVOKESTATIC, Names.DIRECT_CALL, "suspended",
                    "(" + Names.FRAME_DESC + ")Ljava/lang/Object;", false));
            InsnNode ret = new InsnNode(ARETURN);
            ownReturns.add(ret);
            out.add(ret);
        } else {
            out.add(new InsnNode(RETURN));
        }
    }

    /**
     * At a direct call ({@link DirectCallSites}): replaces the factory call before the await by
     * the variant's, and returns the label where its value joins the await's (null elsewhere).
     */
    private LabelNode rewriteDirectCall(InsnList code, SuspensionPoint p) {
        MethodInsnNode call = directCalls.callOf(p.await(), jumpTargets);
        if (call == null) {
            return null;
        }
        MethodInsnNode variant = new MethodInsnNode(INVOKESTATIC, owner.name, directCalls.variantOf(call.name + call.desc),
                DirectCallSites.variantDesc(call.getOpcode() == INVOKESTATIC ? null : owner.name, call.desc),
                ownerIsInterface);
        LabelNode value = new LabelNode();
        InsnList with = new InsnList();
        LabelNode siteStart = new LabelNode();
        LabelNode siteEnd = new LabelNode();
        LabelNode after = new LabelNode();
        LabelNode frameless = new LabelNode();
        if (direct) {
            with.add(siteStart);
            with.add(new VarInsnNode(ALOAD, frameLocal));
            with.add(new JumpInsnNode(IFNULL, frameless));
        }
        // the await's line, should the callee's failure need the caller's async element
        with.add(new VarInsnNode(ALOAD, frameLocal));
        with.add(intConst(p.label()));
        with.add(new FieldInsnNode(PUTFIELD, Names.FRAME, "label", "I"));
        with.add(new VarInsnNode(ALOAD, frameLocal));
        with.add(new InsnNode(ICONST_1));
        with.add(variant);
        if (direct) {
            // no frame here yet: the callee runs below this variant's anchor, one level deeper,
            // and a failure made elsewhere gets this method's element from this call site
            with.add(new JumpInsnNode(GOTO, after));
            with.add(frameless);
            with.add(new VarInsnNode(ALOAD, callerLocal));
            with.add(new VarInsnNode(ILOAD, depthLocal));
            with.add(new InsnNode(ICONST_1));
            with.add(new InsnNode(IADD));
            with.add(variant.clone(null));
            with.add(siteEnd);
            with.add(new JumpInsnNode(GOTO, after));
            LabelNode handler = new LabelNode();
            LabelNode rethrow = new LabelNode();
            with.add(handler);
            with.add(new VarInsnNode(ALOAD, frameLocal));
            with.add(new JumpInsnNode(IFNONNULL, rethrow));
            with.add(new LdcInsnNode(owner.name.replace('/', '.') + "." + method.name));
            // as AsyncMethod.awaitLocation says it: File.java:line, File.java, or nothing (-g:none)
            if (owner.sourceFile == null) {
                with.add(new InsnNode(ACONST_NULL));
            } else {
                with.add(new LdcInsnNode(p.line() > 0 ? owner.sourceFile + ":" + p.line() : owner.sourceFile));
            }
            with.add(new MethodInsnNode(INVOKESTATIC, Names.DIRECT_CALL, "failedAt",
                    "(Ljava/lang/Throwable;Ljava/lang/String;Ljava/lang/String;)Ljava/lang/Throwable;", false));
            with.add(rethrow);
            with.add(new InsnNode(ATHROW));
            siteHandlers.add(new TryCatchBlockNode(siteStart, siteEnd, handler, "java/lang/Throwable"));
            with.add(after);
        }
        with.add(new InsnNode(DUP));
        with.add(new FieldInsnNode(GETSTATIC, Names.DIRECT_CALL, "SUSPENDED", "Ljava/lang/Object;"));
        with.add(new JumpInsnNode(IF_ACMPNE, value));
        with.add(new InsnNode(POP));
        LabelNode take = new LabelNode();
        LabelNode awaitIt = new LabelNode();
        if (direct) {
            // the callee suspended below the anchor: make this variant's frame and adopt it
            with.add(new VarInsnNode(ALOAD, frameLocal));
            with.add(new JumpInsnNode(IFNONNULL, take));
            makeFrameIfNone(with);
            with.add(new VarInsnNode(ALOAD, callerLocal));
            with.add(new MethodInsnNode(INVOKESTATIC, SM, "takeAwaiting", "(" + Names.FRAME_DESC + ")Ljava/lang/Object;", false));
            with.add(new InsnNode(DUP));
            with.add(new VarInsnNode(ALOAD, frameLocal));
            with.add(new MethodInsnNode(INVOKESTATIC, Names.DIRECT_CALL, "adopt", "(Ljava/lang/Object;" + Names.FRAME_DESC + ")V", false));
            with.add(new JumpInsnNode(GOTO, awaitIt));
            with.add(take);
        }
        with.add(new VarInsnNode(ALOAD, frameLocal));
        with.add(new MethodInsnNode(INVOKESTATIC, SM, "takeAwaiting", "(" + Names.FRAME_DESC + ")Ljava/lang/Object;", false));
        with.add(awaitIt);
        code.insertBefore(call, with);
        code.remove(call);
        return value;
    }

    /**
     * In the direct variant: makes the frame if there is none yet, by the method's own factory
     * (its arguments are not needed: every await saves what it keeps), started below the caller.
     */
    private void makeFrameIfNone(InsnList out) {
        LabelNode has = new LabelNode();
        out.add(new VarInsnNode(ALOAD, frameLocal));
        out.add(new JumpInsnNode(IFNONNULL, has));
        if (!isStatic()) {
            out.add(new VarInsnNode(ALOAD, receiverLocal)); // the factory's receiver: only its label 0 would read it
        }
        for (Type t : Type.getArgumentTypes(method.desc)) {
            out.add(new InsnNode(switch (t.getSort()) {
                case Type.LONG -> LCONST_0;
                case Type.FLOAT -> FCONST_0;
                case Type.DOUBLE -> DCONST_0;
                case Type.OBJECT, Type.ARRAY -> ACONST_NULL;
                default -> ICONST_0;
            }));
        }
        callFactory(out);
        out.add(new TypeInsnNode(CHECKCAST, shape.internalName()));
        out.add(new InsnNode(DUP));
        out.add(new VarInsnNode(ALOAD, callerLocal));
        out.add(new VarInsnNode(ILOAD, depthLocal));
        out.add(new MethodInsnNode(INVOKESTATIC, Names.DIRECT_CALL, "started",
                "(" + Names.FRAME_DESC + Names.FRAME_DESC + "I)V", false));
        out.add(new VarInsnNode(ASTORE, frameLocal));
        out.add(has);
    }

    /**
     * A group's shared blocks: save its locals and suspend at the label in {@code labelTemp};
     * restore its locals, then go to the await's own stub (stack, awaitable) by the frame's label.
     */
    private void emitShared(InsnList tail, List<Spill> locals, SharedBlocks group, int awaitableTemp) {
        tail.add(group.save);
        for (Spill s : locals) {
            save(tail, s, s.index());
        }
        suspendAndReturn(tail, new VarInsnNode(ILOAD, labelTemp), awaitableTemp);
        if (direct) {
            return;
        }
        tail.add(group.restore);
        for (Spill s : locals) {
            restore(tail, s, true);
        }
        int[] keys = new int[group.members.size()];
        LabelNode[] targets = new LabelNode[keys.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = group.members.get(i).label();
            targets[i] = stubs.get(group.members.get(i));
        }
        tail.add(new VarInsnNode(ALOAD, frameLocal));
        tail.add(new FieldInsnNode(GETFIELD, Names.FRAME, "label", "I"));
        tail.add(new LookupSwitchInsnNode(invalid, keys, targets));
    }

    /** {@code return r;} becomes {@code complete(frame, r); return;}, or completeValue for result(v). */
    private void rewriteReturns(InsnList code) {
        if (direct) {
            rewriteDirectReturns(code);
            return;
        }
        for (AbstractInsnNode n = code.getFirst(); n != null; ) {
            AbstractInsnNode next = n.getNext();
            if (n.getOpcode() == ARETURN) {
                AbstractInsnNode prev = n.getPrevious();
                InsnList replacement = new InsnList();
                if (prev instanceof MethodInsnNode mi && Names.isResult(mi.owner, mi.name, mi.desc)) {
                    code.remove(prev);
                    replacement.add(new VarInsnNode(ALOAD, frameLocal));
                    replacement.add(new InsnNode(SWAP));
                    replacement.add(new MethodInsnNode(INVOKESTATIC, SM, "completeValue",
                            "(" + Names.FRAME_DESC + "Ljava/lang/Object;)V", false));
                } else {
                    replacement.add(new VarInsnNode(ALOAD, frameLocal));
                    replacement.add(new InsnNode(SWAP));
                    replacement.add(new MethodInsnNode(INVOKESTATIC, SM, "complete",
                            "(" + Names.FRAME_DESC + "Ljava/lang/Object;)V", false));
                }
                replacement.add(new InsnNode(RETURN));
                code.insertBefore(n, replacement);
                code.remove(n);
            }
            n = next;
        }
    }

    /**
     * In the direct variant, {@code return result(v);} returns {@code v}; another returned
     * coroutine is read at once when finished, otherwise the frame completes with it
     * ({@code DirectCall.returned}).
     */
    private void rewriteDirectReturns(InsnList code) {
        for (AbstractInsnNode n = code.getFirst(); n != null; ) {
            AbstractInsnNode next = n.getNext();
            if (n.getOpcode() == ARETURN && !ownReturns.contains(n)) {
                AbstractInsnNode prev = n.getPrevious();
                if (prev instanceof MethodInsnNode mi && Names.isResult(mi.owner, mi.name, mi.desc)) {
                    code.remove(prev);
                } else {
                    LabelNode slow = new LabelNode();
                    InsnList with = new InsnList();
                    with.add(new InsnNode(DUP));
                    with.add(new MethodInsnNode(INVOKESTATIC, Names.DIRECT_CALL, "isValue", "(Ljava/lang/Object;)Z", false));
                    with.add(new JumpInsnNode(IFEQ, slow));
                    with.add(new MethodInsnNode(INVOKESTATIC, Names.DIRECT_CALL, "value",
                            "(Ljava/lang/Object;)Ljava/lang/Object;", false));
                    with.add(new InsnNode(ARETURN));
                    with.add(slow);
                    makeFrameIfNone(with);
                    with.add(new VarInsnNode(ALOAD, frameLocal));
                    with.add(new MethodInsnNode(INVOKESTATIC, Names.DIRECT_CALL, "returned",
                            "(Ljava/lang/Object;" + Names.FRAME_DESC + ")Ljava/lang/Object;", false));
                    code.insertBefore(n, with);
                }
            }
            n = next;
        }
    }

    private boolean isStatic() {
        return (method.access & ACC_STATIC) != 0;
    }

    /** Calls the method's factory, its receiver and arguments on the stack. */
    private void callFactory(InsnList out) {
        if (isStatic()) {
            out.add(new MethodInsnNode(INVOKESTATIC, owner.name, method.name, method.desc, ownerIsInterface));
        } else {
            // private: invokespecial (of an interface too); final: invokevirtual
            boolean priv = (method.access & ACC_PRIVATE) != 0;
            out.add(new MethodInsnNode(priv ? INVOKESPECIAL : INVOKEVIRTUAL, owner.name, method.name, method.desc,
                    ownerIsInterface));
        }
    }

    /**
     * Rewrites {@code method} (a {@link MethodCopy}) in place into its direct variant {@code name},
     * a static {@code ([receiver,] args, CoroutineFrame caller) -> Object}, and returns it.
     */
    public MethodNode emitDirect(String name) {
        direct = true;
        frameLocal = method.maxLocals;
        callerLocal = frameLocal + 1;
        receiverLocal = frameLocal + 2;
        depthLocal = frameLocal + 3;
        labelTemp = frameLocal + 4;
        tempBase = frameLocal + 5;
        jumpTargets = DirectCallSites.jumpTargets(method);
        groupSharedBlocks();
        String desc = DirectCallSites.variantDesc(isStatic() ? null : owner.name, method.desc);
        MethodNode variant = new MethodNode(ACC_PRIVATE | ACC_STATIC | ACC_SYNTHETIC, name, desc, null, null);
        InsnList code = method.instructions;
        InsnList tail = new InsnList();
        for (SuspensionPoint p : plan.points()) {
            rewriteAwait(code, p, tail);
        }
        rewriteReturns(code);

        Type[] args = Type.getArgumentTypes(method.desc);
        int callerArg = isStatic() ? 0 : 1;
        for (Type t : args) {
            callerArg += t.getSize();
        }
        InsnList prologue = new InsnList();
        LabelNode start = new LabelNode();
        if (!isStatic()) {
            // the call this variant replaces would have thrown here, before running anything
            LabelNode hasReceiver = new LabelNode();
            prologue.add(new VarInsnNode(ALOAD, 0));
            prologue.add(new JumpInsnNode(IFNONNULL, hasReceiver));
            prologue.add(new TypeInsnNode(NEW, "java/lang/NullPointerException"));
            prologue.add(new InsnNode(DUP));
            StringBuilder params = new StringBuilder();
            for (Type t : args) {
                params.append(params.length() > 0 ? ", " : "").append(t.getClassName());
            }
            prologue.add(new LdcInsnNode("Cannot invoke \"" + owner.name.replace('/', '.') + "." + method.name
                    + "(" + params + ")\" because the receiver is null"));
            prologue.add(new MethodInsnNode(INVOKESPECIAL, "java/lang/NullPointerException", "<init>",
                    "(Ljava/lang/String;)V", false));
            prologue.add(new InsnNode(ATHROW));
            prologue.add(hasReceiver);
            prologue.add(new VarInsnNode(ALOAD, 0));
            prologue.add(new VarInsnNode(ASTORE, receiverLocal));
        }
        // both read before either is stored: the caller's slot may be the depth parameter's
        prologue.add(new VarInsnNode(ALOAD, callerArg));
        prologue.add(new VarInsnNode(ILOAD, callerArg + 1));
        prologue.add(new VarInsnNode(ISTORE, depthLocal));
        prologue.add(new VarInsnNode(ASTORE, callerLocal));
        prologue.add(new InsnNode(ACONST_NULL));
        prologue.add(new VarInsnNode(ASTORE, frameLocal));
        // as deep on this Java stack as inline starts go: the driver runs the coroutine instead
        prologue.add(new VarInsnNode(ALOAD, callerLocal));
        prologue.add(new VarInsnNode(ILOAD, depthLocal));
        prologue.add(new MethodInsnNode(INVOKESTATIC, Names.DIRECT_CALL, "tooDeep", "(" + Names.FRAME_DESC + "I)Z", false));
        prologue.add(new JumpInsnNode(IFEQ, start));
        int slot = 0;
        if (!isStatic()) {
            prologue.add(new VarInsnNode(ALOAD, 0));
            slot = 1;
        }
        for (Type t : args) {
            prologue.add(new VarInsnNode(t.getOpcode(ILOAD), slot));
            slot += t.getSize();
        }
        callFactory(prologue);
        prologue.add(new VarInsnNode(ALOAD, callerLocal));
        prologue.add(new MethodInsnNode(INVOKESTATIC, Names.DIRECT_CALL, "defer",
                "(Ljava/lang/Object;" + Names.FRAME_DESC + ")Ljava/lang/Object;", false));
        prologue.add(new InsnNode(ARETURN));
        prologue.add(start);
        code.insert(prologue);
        code.add(tail);

        // a failure leaving the body: the caller's async element when it was made elsewhere
        LabelNode end = new LabelNode();
        LabelNode handler = new LabelNode();
        code.add(end);
        code.add(handler);
        code.add(new VarInsnNode(ALOAD, callerLocal));
        code.add(new VarInsnNode(ILOAD, depthLocal));
        code.add(new MethodInsnNode(INVOKESTATIC, Names.DIRECT_CALL, "failed",
                "(Ljava/lang/Throwable;" + Names.FRAME_DESC + "I)Ljava/lang/Throwable;", false));
        code.add(new InsnNode(ATHROW));

        variant.instructions = code;
        variant.tryCatchBlocks = new ArrayList<>(siteHandlers); // first: each covers only its call
        variant.tryCatchBlocks.addAll(method.tryCatchBlocks);
        variant.tryCatchBlocks.add(new TryCatchBlockNode(start, end, handler, null)); // last: the user's come first
        variant.localVariables = LocalVariableRanges.trim(code, method.localVariables, awaitRanges);
        variant.maxLocals = tempBase + 4;
        variant.maxStack = method.maxStack + 4;
        return variant;
    }

    /**
     * The direct variant of a method that could not be rewritten (refused, or its variant too
     * large): calls the factory and leaves the coroutine to the caller's await, as before.
     */
    public static MethodNode deferringVariant(ClassNode owner, MethodNode m, String name) {
        boolean itf = (owner.access & ACC_INTERFACE) != 0;
        boolean isStatic = (m.access & ACC_STATIC) != 0;
        MethodNode variant = new MethodNode(ACC_PRIVATE | ACC_STATIC | ACC_SYNTHETIC, name,
                DirectCallSites.variantDesc(isStatic ? null : owner.name, m.desc), null, null);
        InsnList code = new InsnList();
        int slot = 0;
        if (!isStatic) {
            code.add(new VarInsnNode(ALOAD, 0));
            slot = 1;
        }
        for (Type t : Type.getArgumentTypes(m.desc)) {
            code.add(new VarInsnNode(t.getOpcode(ILOAD), slot));
            slot += t.getSize();
        }
        code.add(new MethodInsnNode(isStatic ? INVOKESTATIC : (m.access & ACC_PRIVATE) != 0 ? INVOKESPECIAL
                : INVOKEVIRTUAL, owner.name, m.name, m.desc, itf));
        code.add(new VarInsnNode(ALOAD, slot));
        code.add(new MethodInsnNode(INVOKESTATIC, Names.DIRECT_CALL, "defer",
                "(Ljava/lang/Object;" + Names.FRAME_DESC + ")Ljava/lang/Object;", false));
        code.add(new InsnNode(ARETURN));
        variant.instructions = code;
        variant.maxLocals = slot + 2; // the anchor and the depth
        variant.maxStack = slot + 2;
        return variant;
    }

    private InsnList factoryBody(String resumeName) {
        InsnList f = new InsnList();
        LabelNode begin = new LabelNode();
        f.add(begin);
        int line = io.github.jawait.agent.Diagnostics.firstLine(method);
        if (line > 0) {
            f.add(new LineNumberNode(line, begin));
        }
        f.add(new TypeInsnNode(NEW, shape.internalName()));
        f.add(new InsnNode(DUP));
        f.add(new InvokeDynamicInsnNode("method", "()L" + Names.ASYNC_METHOD + ";", ASYNC_METHOD_BOOTSTRAP,
                new Handle(H_INVOKESTATIC, owner.name, resumeName, Names.RESUME_DESC, ownerIsInterface),
                owner.name.replace('/', '.') + "." + method.name, awaitLines()));
        if (!shape.inline()) {
            f.add(intConst(plan.refCount()));
            f.add(intConst(plan.primCount()));
        }
        f.add(new MethodInsnNode(INVOKESPECIAL, shape.internalName(), "<init>", shape.constructorDesc(), false));
        for (Spill s : plan.parameters()) {
            if (!s.isNull()) {
                f.add(new InsnNode(DUP));
                storeSlot(f, s, s.index());
            }
        }
        if (Type.getReturnType(method.desc).getDescriptor().equals(Names.ASYNC_GENERATOR_DESC)) {
            f.add(new MethodInsnNode(INVOKESTATIC, SM, "generator",
                    "(" + Names.FRAME_DESC + ")" + Names.ASYNC_GENERATOR_DESC, false));
        }
        f.add(new InsnNode(ARETURN));
        return f;
    }

    /** Stores local (or temporary) {@code local} into the frame slot of {@code s}. */
    private void save(InsnList out, Spill s, int local) {
        if (s.isNull()) {
            return;
        }
        out.add(new VarInsnNode(ALOAD, frameLocal));
        storeSlot(out, s, local);
    }

    /** With the frame on the stack: stores local {@code local} into the slot of {@code s}, in the slot's form. */
    private void storeSlot(InsnList out, Spill s, int local) {
        TypeValue t = s.type();
        if (!shape.inline()) {
            out.add(new FieldInsnNode(GETFIELD, Names.ARRAY_FRAME, s.inRefs() ? "refs" : "prims",
                    s.inRefs() ? "[Ljava/lang/Object;" : "[J"));
            out.add(intConst(s.slot()));
        }
        out.add(new VarInsnNode(loadOpcode(t), local));
        switch (t.kind) {
            case REF, LONG -> {
            }
            case INT -> out.add(new InsnNode(I2L));
            case FLOAT -> {
                out.add(new MethodInsnNode(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false));
                out.add(new InsnNode(I2L));
            }
            case DOUBLE -> out.add(new MethodInsnNode(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false));
            default -> throw new IllegalStateException("cannot save " + t);
        }
        if (shape.inline()) {
            out.add(s.inRefs()
                    ? new FieldInsnNode(PUTFIELD, shape.internalName(), shape.refField(s.slot()), "Ljava/lang/Object;")
                    : new FieldInsnNode(PUTFIELD, shape.internalName(), shape.primField(s.slot()), "J"));
        } else {
            out.add(new InsnNode(s.inRefs() ? AASTORE : LASTORE));
        }
    }

    /** Pushes the raw content of the slot of {@code s}: an Object, or a long of raw bits. */
    private void loadSlot(InsnList out, Spill s) {
        out.add(new VarInsnNode(ALOAD, frameLocal));
        if (shape.inline()) {
            out.add(s.inRefs()
                    ? new FieldInsnNode(GETFIELD, shape.internalName(), shape.refField(s.slot()), "Ljava/lang/Object;")
                    : new FieldInsnNode(GETFIELD, shape.internalName(), shape.primField(s.slot()), "J"));
        } else {
            out.add(new FieldInsnNode(GETFIELD, Names.ARRAY_FRAME, s.inRefs() ? "refs" : "prims",
                    s.inRefs() ? "[Ljava/lang/Object;" : "[J"));
            out.add(intConst(s.slot()));
            out.add(new InsnNode(s.inRefs() ? AALOAD : LALOAD));
        }
    }

    /** Nulls the inline reference fields from slot {@code from} up to the method's reference count. */
    private void clearRefFields(InsnList out, int from) {
        for (int i = from; i < plan.refCount(); i++) {
            out.add(new VarInsnNode(ALOAD, frameLocal));
            out.add(new InsnNode(ACONST_NULL));
            out.add(new FieldInsnNode(PUTFIELD, shape.internalName(), shape.refField(i), "Ljava/lang/Object;"));
        }
    }

    /** Pushes the saved value of {@code s}; stores it into its local when {@code intoLocal}. */
    private void restore(InsnList out, Spill s, boolean intoLocal) {
        TypeValue t = s.type();
        if (s.isNull()) {
            out.add(new InsnNode(ACONST_NULL));
        } else {
            loadSlot(out, s);
            switch (t.kind) {
                case REF -> {
                    if (!"java/lang/Object".equals(t.type.getInternalName())) {
                        out.add(new TypeInsnNode(CHECKCAST, t.type.getInternalName()));
                    }
                }
                case INT -> out.add(new InsnNode(L2I));
                case FLOAT -> {
                    out.add(new InsnNode(L2I));
                    out.add(new MethodInsnNode(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false));
                }
                case LONG -> {
                }
                case DOUBLE -> out.add(new MethodInsnNode(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false));
                default -> throw new IllegalStateException("cannot restore " + t);
            }
        }
        if (intoLocal) {
            out.add(new VarInsnNode(storeOpcode(t), s.index()));
        }
    }

    private static int storeOpcode(TypeValue t) {
        return switch (t.kind) {
            case INT -> ISTORE;
            case FLOAT -> FSTORE;
            case LONG -> LSTORE;
            case DOUBLE -> DSTORE;
            default -> ASTORE;
        };
    }

    private static int loadOpcode(TypeValue t) {
        return switch (t.kind) {
            case INT -> ILOAD;
            case FLOAT -> FLOAD;
            case LONG -> LLOAD;
            case DOUBLE -> DLOAD;
            default -> ALOAD;
        };
    }

    private static AbstractInsnNode intConst(int v) {
        if (v >= -1 && v <= 5) {
            return new InsnNode(ICONST_0 + v);
        }
        if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            return new IntInsnNode(BIPUSH, v);
        }
        if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            return new IntInsnNode(SIPUSH, v);
        }
        return new LdcInsnNode(v);
    }
}
