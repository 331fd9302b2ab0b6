package io.github.jawait.benchmarks.jmh;

import io.github.jawait.EventLoop;
import io.github.jawait.benchmarks.JawaitWorkloads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One event loop per benchmark thread (a loop belongs to the thread that made it; JMH runs
 * thread-scoped setup on the benchmark thread). Fails fast, with the fix, when the jawait agent
 * is missing: JMH forks inherit the host JVM's flags, so run
 * {@code java -javaagent:agent/target/jawait-agent-0.1.0-SNAPSHOT.jar -jar benchmarks/target/jawait-benchmarks.jar}
 * (or pass {@code -jvmArgsPrepend -javaagent:...} to JMH).
 */
@State(Scope.Thread)
public class JawaitState {
    public EventLoop loop;

    @Setup(Level.Trial)
    public void openLoop() {
        loop = new EventLoop();
        try {
            loop.runUntilComplete(JawaitWorkloads.yielder(1));
        } catch (IllegalStateException e) {
            throw new IllegalStateException("the jawait agent is not installed in this JMH fork: run"
                    + " java -javaagent:agent/target/jawait-agent-0.1.0-SNAPSHOT.jar -jar"
                    + " benchmarks/target/jawait-benchmarks.jar (forks inherit the flag), or add"
                    + " -jvmArgsPrepend -javaagent:<agent jar>", e);
        }
    }

    @TearDown(Level.Trial)
    public void closeLoop() {
        loop.close();
    }
}
