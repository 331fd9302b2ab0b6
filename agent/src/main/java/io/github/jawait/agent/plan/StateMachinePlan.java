package io.github.jawait.agent.plan;

import java.util.List;

/**
 * Phase 3's output, pure data: everything the emitter needs to turn one method into a state
 * machine. {@code parameters} are the receiver and arguments the factory stores into a new
 * frame; {@code refCount}/{@code primCount} size the frame's arrays for the largest need.
 */
public record StateMachinePlan(List<SuspensionPoint> points, List<Spill> parameters, int refCount, int primCount) {
}
