package io.github.jawait.agent.scan;

import io.github.jawait.agent.Names;
import io.github.jawait.agent.RewriteRefusal;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import io.github.jawait.agent.Diagnostics;

/**
 * Phase 1b, scan: which methods of a parsed class are rewritten, refused or left alone.
 * Rewritten: methods annotated {@code @Async} and lambda bodies returning {@code Coroutine}
 * that await (a nested {@code async def}). Refused: misuse that must fail loudly.
 */
public final class MethodClassifier {
    private MethodClassifier() {
    }

    /** The role of {@code m}; a refusal carries its reason. */
    public static MethodRole classify(MethodNode m) throws RewriteRefusal {
        if ((m.access & Opcodes.ACC_BRIDGE) != 0) {
            // javac and ECJ copy @Async onto the bridge of an override with a narrower return
            // type or of a generic interface method; it only delegates to the rewritten method
            return MethodRole.LEAVE;
        }
        boolean annotated = hasAsyncAnnotation(m);
        AbstractInsnNode firstAwait = firstAwait(m);
        AbstractInsnNode awaitReference = awaitMethodReference(m);
        if (awaitReference != null) {
            throw new RewriteRefusal("a method reference to Asyncio::await cannot suspend; call"
                    + " await(...) directly inside an @Async method or async lambda",
                    awaitReference);
        }
        String returnDesc = Type.getReturnType(m.desc).getDescriptor();
        boolean returnsGenerator = Names.ASYNC_GENERATOR_DESC.equals(returnDesc);
        boolean returnsCoroutine = Names.COROUTINE_DESC.equals(returnDesc) || returnsGenerator;
        AbstractInsnNode firstEmit = firstEmit(m);
        if (firstEmit != null && !returnsGenerator && (annotated || isLambdaBody(m))) {
            throw new RewriteRefusal("emit(...) is only allowed in @Async methods returning"
                    + " AsyncGenerator; this one returns " + Type.getReturnType(m.desc).getClassName(),
                    firstEmit);
        }
        if (annotated) {
            if ("<init>".equals(m.name) || "<clinit>".equals(m.name)) {
                throw new RewriteRefusal("@Async cannot mark a constructor or initializer: a"
                        + " constructor cannot suspend; write a static @Async factory method instead",
                        Diagnostics.firstLine(m));
            }
            if (!returnsCoroutine) {
                throw new RewriteRefusal("@Async methods must return io.github.jawait.Coroutine<T>"
                        + " or io.github.jawait.AsyncGenerator<T>,"
                        + " but this one returns " + Type.getReturnType(m.desc).getClassName(),
                        Diagnostics.firstLine(m));
            }
            if ((m.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                return MethodRole.LEAVE; // nothing to rewrite; implementations carry their own @Async
            }
            if ((m.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
                throw new RewriteRefusal("an @Async method cannot be synchronized: its body runs"
                        + " later, on the event loop, without the lock; use io.github.jawait.sync.Lock",
                        Diagnostics.firstLine(m));
            }
            return MethodRole.REWRITE;
        }
        if (firstAwait == null) {
            firstAwait = firstEmit;
        }
        if (firstAwait == null) {
            return MethodRole.LEAVE;
        }
        if (isLambdaBody(m) && returnsCoroutine) {
            return MethodRole.REWRITE;
        }
        throw new RewriteRefusal((firstAwait == firstEmit ? "emit" : "await") + "(...) is only allowed"
                + " in methods annotated @Async (and in lambdas returning Coroutine or AsyncGenerator);"
                + " this method is neither",
                firstAwait);
    }

    static boolean hasAsyncAnnotation(MethodNode m) {
        return has(m.invisibleAnnotations) || has(m.visibleAnnotations);
    }

    private static boolean has(java.util.List<AnnotationNode> annotations) {
        if (annotations != null) {
            for (AnnotationNode a : annotations) {
                if (Names.ASYNC_ANNOTATION.equals(a.desc)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean isLambdaBody(MethodNode m) {
        return (m.access & Opcodes.ACC_SYNTHETIC) != 0 && m.name.startsWith("lambda$");
    }

    public static AbstractInsnNode firstEmit(MethodNode m) {
        for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof MethodInsnNode mi && Names.isEmit(mi.owner, mi.name)) {
                return n;
            }
        }
        return null;
    }

    public static AbstractInsnNode firstAwait(MethodNode m) {
        for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof MethodInsnNode mi && Names.isAwait(mi.owner, mi.name)) {
                return n;
            }
        }
        return null;
    }

    private static AbstractInsnNode awaitMethodReference(MethodNode m) {
        for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof InvokeDynamicInsnNode indy) {
                for (Object arg : indy.bsmArgs) {
                    if (arg instanceof Handle h && Names.isAwait(h.getOwner(), h.getName())) {
                        return n;
                    }
                }
            } else if (n instanceof LdcInsnNode ldc && ldc.cst instanceof Handle h
                    && Names.isAwait(h.getOwner(), h.getName())) {
                return n;
            }
        }
        return null;
    }
}
