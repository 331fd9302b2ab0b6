package io.github.jawait.agent.plan;

import java.util.List;

/**
 * Phase 3's output, pure data: everything the emitter needs to turn one method into a state
 * machine. {@code parameters} are the receiver and arguments the factory stores into a new
 * frame; {@code refCount}/{@code primCount} size the frame's arrays for the largest need, of the
 * parameters and of every suspension point; {@code pointRefCount}/{@code pointPrimCount} are
 * the largest need of the suspension points alone (when it is 0, the array only carried the
 * arguments and can be dropped once they are restored). {@code unnameable} lists the classes of
 * saved values that the owner may not name, which are restored as a superclass (the rewritten
 * method must then be verified before it is used). {@code shape} is the frame class the counts
 * call for.
 */
public record StateMachinePlan(List<SuspensionPoint> points, List<Spill> parameters, int refCount, int primCount,
        int pointRefCount, int pointPrimCount, List<String> unnameable, FrameShape shape) {
}
