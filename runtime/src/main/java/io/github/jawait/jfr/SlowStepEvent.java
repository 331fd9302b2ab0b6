package io.github.jawait.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * A task step or callback that held the loop longer than the event's threshold (debug mode's
 * slow-step warning, for recordings): the recording's {@code threshold} setting decides,
 * 100 ms unless it says otherwise.
 */
@Name("jawait.SlowStep")
@Label("Slow Step")
@Category("jawait")
@Description("A task step or callback that held the event loop longer than the threshold")
@Threshold("100 ms")
@StackTrace(false)
public final class SlowStepEvent extends Event {
    @Label("Task Name")
    @Description("The task whose step it was, or null for a callback")
    public String taskName;

    @Label("From")
    @Description("Where the step began: the await it resumed from, or null at the task's start")
    public String from;

    @Label("To")
    @Description("Where the step ended: the await it suspended at, or null at the task's end")
    public String to;

    @Label("Callback")
    @Description("The callback, when the step was not a task's")
    public String callback;
}
