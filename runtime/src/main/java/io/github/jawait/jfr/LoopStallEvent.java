package io.github.jawait.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * One loop turn (due timers and the ready steps, from one poll to the next) that kept the loop
 * from polling for I/O and messages longer than the threshold (100 ms unless the recording
 * says otherwise). Many short steps add up to a stall that no single slow step shows.
 */
@Name("jawait.LoopStall")
@Label("Loop Stall")
@Category("jawait")
@Description("A loop turn that kept the event loop from its poll longer than the threshold")
@Threshold("100 ms")
@StackTrace(false)
public final class LoopStallEvent extends Event {
    @Label("Steps")
    @Description("Task steps and callbacks the turn ran")
    public int steps;

    @Label("Still Ready")
    @Description("Steps ready for the next turn when this one ended")
    public int stillReady;
}
