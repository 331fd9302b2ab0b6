package io.github.jawait.agent;

import io.github.jawait.agent.analyse.BlockingCalls;
import java.util.List;
import java.util.stream.Collectors;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/** The words of the blocking-call report: a warning per call site, or the refusal of a method. */
final class BlockingCallReport {
    private BlockingCallReport() {
    }

    /**
     * {@code com.example.Shop.load (Shop.java:12): java.lang.Thread.sleep holds up the event
     * loop's thread; instead: await(sleep(...)), which suspends only this task}; logged after
     * "jawait: blocking call in ".
     */
    static String warning(ClassNode cn, MethodNode m, BlockingCalls.Call call) {
        return Diagnostics.where(cn, m, call.line()) + ": " + reason(call);
    }

    /** Why a method is refused under {@code blocking=refuse}: its first blocking call, and where the others are. */
    static RewriteRefusal refusal(List<BlockingCalls.Call> calls) {
        BlockingCalls.Call first = calls.get(0);
        String others = calls.size() == 1 ? ""
                : "; more blocking calls at line " + calls.subList(1, calls.size()).stream()
                        .map(c -> String.valueOf(c.line())).distinct().collect(Collectors.joining(", "));
        return new RewriteRefusal("blocking call: " + reason(first) + "; refused under the option"
                + " blocking=refuse" + others, first.line());
    }

    private static String reason(BlockingCalls.Call call) {
        return call.called() + " holds up the event loop's thread; instead: " + call.entry().instead();
    }
}
