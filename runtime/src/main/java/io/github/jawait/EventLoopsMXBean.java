package io.github.jawait;

/**
 * The JMX view of the process's event loops, registered as {@code io.github.jawait:type=EventLoops}
 * when the JVM runs with {@code -Djawait.jmx=true} (off by default: the platform MBean server
 * costs start-up time). Call {@link #dumpTasks()} from jconsole, VisualVM or any JMX client.
 */
public interface EventLoopsMXBean {
    /** How many loops are open. */
    int getOpenLoops();

    /** Every open loop's {@link EventLoop#dumpTasks task tree}, taken on each loop's own thread. */
    String dumpTasks();
}
