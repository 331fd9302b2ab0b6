package io.github.jawait.benchmarks.startup;

import java.lang.instrument.Instrumentation;

/**
 * Start-up scenario (issue 17): an agent that does nothing, started through
 * {@code Launcher-Agent-Class} from a jar of its own on the manifest's class path, as the jawait
 * agent is. What the JVM itself charges for that way of starting any agent: the floor the
 * {@code launcher} variant of benchmarks/startup.py is compared with.
 */
public final class EmptyAgent {
    private EmptyAgent() {
    }

    public static void agentmain(String options, Instrumentation inst) {
        // nothing: the cost measured is the JVM's (java.instrument, the JVMTI agent, the jar)
    }
}
