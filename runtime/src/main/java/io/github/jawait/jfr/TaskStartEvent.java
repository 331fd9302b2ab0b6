package io.github.jawait.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A task runs its first step. */
@Name("jawait.TaskStart")
@Label("Task Start")
@Category("jawait")
@Description("A task runs its first step")
@StackTrace(false)
public final class TaskStartEvent extends Event {
    @Label("Task Id")
    @Description("The task's number on its loop")
    public int taskId;

    @Label("Task Name")
    public String taskName;

    @Label("Coroutine")
    @Description("The task's coroutine, as Owner.method")
    public String coroutine;
}
