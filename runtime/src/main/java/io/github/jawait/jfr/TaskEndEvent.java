package io.github.jawait.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A task finished: succeeded, failed or cancelled. */
@Name("jawait.TaskEnd")
@Label("Task End")
@Category("jawait")
@Description("A task finished: succeeded, failed or cancelled")
@StackTrace(false)
public final class TaskEndEvent extends Event {
    @Label("Task Id")
    @Description("The task's number on its loop")
    public int taskId;

    @Label("Task Name")
    public String taskName;

    @Label("Outcome")
    @Description("succeeded, failed or cancelled")
    public String outcome;

    @Label("Failure")
    @Description("The failure's class and message, when it failed")
    public String failure;
}
