/**
 * The runtime's JDK Flight Recorder events ({@code jawait.TaskStart}, {@code jawait.TaskEnd},
 * {@code jawait.SlowStep}, {@code jawait.LoopStall}) and the flag that says whether any
 * recording runs. Internal: enable the events by name in a recording's settings.
 */
package io.github.jawait.jfr;
