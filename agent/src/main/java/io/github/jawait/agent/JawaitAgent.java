package io.github.jawait.agent;

import java.lang.instrument.Instrumentation;

/**
 * The jawait Java agent. Run with {@code java -javaagent:jawait-agent.jar ...}, or call
 * {@link #install()} first thing in {@code main} (before any class with {@code @Async}
 * methods is loaded: classes loaded earlier are not rewritten).
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     JawaitAgent.install();
 *     Asyncio.run(App.main());
 * }
 * }</pre>
 *
 * <p>Agent options (after {@code =}, separated by commas, see {@link AgentOptions}):
 * {@code verify} checks every rewritten class with ASM's {@code CheckClassAdapter} and fails
 * loudly if one is malformed; {@code blocking=warn|refuse|off} says what a call that blocks a
 * thread inside an {@code @Async} method gets: a warning (the default), a refusal of the
 * method, or nothing; {@code stats} prints the agent's own start-up cost (premain, time in the
 * transformer) to stderr at exit.
 */
public final class JawaitAgent {
    private static volatile Instrumentation instrumentation;
    private static final Object START_LOCK = new Object();
    private static final String AGENT_PROPERTY = "jawait.agent.installed";

    private JawaitAgent() {
    }

    public static void premain(String options, Instrumentation inst) {
        start(options, inst);
    }

    public static void agentmain(String options, Instrumentation inst) {
        start(options, inst);
    }

    /** Whether the agent runs in this JVM. */
    public static boolean isInstalled() {
        return instrumentation != null;
    }

    /**
     * Attaches the agent to this JVM at run time (through byte-buddy-agent, which uses an
     * external process where self-attach is not allowed). Does nothing if already installed.
     */
    public static void install() {
        SelfAttach.install();
    }

    /**
     * Start-up (issue 17): every class loaded here costs the JVM about a million instructions
     * while it still interprets the class loader, so the usual start, without options, loads
     * the transformer alone; options, their parsing and the stats load only when given. (The
     * JVM finds agentmain by reflection, which loads every type in the signatures of this
     * class's methods: keep them to JDK types and the transformer.)
     */
    private static void start(String options, Instrumentation inst) {
        if (options == null || options.isEmpty()) {
            register(inst, new AsyncClassTransformer());
            return;
        }
        AgentOptions parsed = AgentOptions.parse(options); // an unknown option stops the JVM here
        // the stats' own set-up (management classes) is made before the clock starts
        AgentStats stats = parsed.stats() ? new AgentStats() : null;
        long t0 = System.nanoTime();
        if (register(inst, new AsyncClassTransformer(parsed, stats)) && stats != null) {
            stats.started(System.nanoTime() - t0);
            stats.printAtExit();
        }
    }

    /** Installs the transformer unless the agent already runs (a second -javaagent, or install() after it). */
    private static boolean register(Instrumentation inst, AsyncClassTransformer transformer) {
        synchronized (START_LOCK) {
            if (instrumentation != null) {
                return false;
            }
            inst.addTransformer(transformer, false);
            instrumentation = inst;
            // read by the runtime's "not rewritten" error, to tell a class loaded too early from a missing agent
            System.setProperty(AGENT_PROPERTY, "true");
            return true;
        }
    }
}
