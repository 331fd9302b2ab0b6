package io.github.jawait.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import net.bytebuddy.agent.ByteBuddyAgent;

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
    /** Guards install(); not the class monitor, which agentmain needs while install() waits. */
    private static final Object INSTALL_LOCK = new Object();
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
        synchronized (INSTALL_LOCK) {
            if (instrumentation != null) {
                return;
            }
            File jar = ownJar();
            // agentmain runs on the JVM's attach thread while this one waits: no shared lock here
            ByteBuddyAgent.attach(jar, String.valueOf(ProcessHandle.current().pid()));
            if (instrumentation == null) {
                throw new IllegalStateException("attached " + jar + " but the jawait agent did not start;"
                        + " run java with -javaagent:" + jar + " instead");
            }
        }
    }

    private static void start(String options, Instrumentation inst) {
        AgentOptions parsed = AgentOptions.parse(options); // an unknown option stops the JVM here
        // the stats' own set-up (management classes) is made before the clock starts
        AgentStats stats = parsed.stats() ? new AgentStats() : null;
        long t0 = System.nanoTime();
        synchronized (START_LOCK) {
            if (instrumentation != null) {
                return;
            }
            inst.addTransformer(new AsyncClassTransformer(parsed, stats), false);
            instrumentation = inst;
            // read by the runtime's "not rewritten" error, to tell a class loaded too early from a missing agent
            System.setProperty(AGENT_PROPERTY, "true");
            if (stats != null) {
                stats.started(System.nanoTime() - t0);
                stats.printAtExit();
            }
        }
    }

    private static File ownJar() {
        try {
            File f = new File(JawaitAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!f.isFile()) {
                throw new IllegalStateException("JawaitAgent.install() needs the jawait-agent jar on the"
                        + " class path, but the agent classes come from " + f);
            }
            return f;
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            throw new IllegalStateException("cannot locate the jawait-agent jar: " + e, e);
        }
    }
}
