package io.github.jawait.agent;

import java.io.File;
import java.net.URISyntaxException;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * {@link JawaitAgent#install()}: attaches the agent jar to the running JVM through
 * byte-buddy-agent. A class of its own so that {@code premain}/{@code agentmain} do not load
 * (or verify code that throws) the exception classes and byte-buddy that only this path needs:
 * start-up, issue 17 (see docs/benchmarks.md, "Agent start-up").
 */
final class SelfAttach {
    /** Guards install(); not the agent's class monitor, which agentmain needs while install() waits. */
    private static final Object INSTALL_LOCK = new Object();

    private SelfAttach() {
    }

    static void install() {
        synchronized (INSTALL_LOCK) {
            if (JawaitAgent.isInstalled()) {
                return;
            }
            File jar = ownJar();
            // agentmain runs on the JVM's attach thread while this one waits: no shared lock here
            ByteBuddyAgent.attach(jar, String.valueOf(ProcessHandle.current().pid()));
            if (!JawaitAgent.isInstalled()) {
                throw new IllegalStateException("attached " + jar + " but the jawait agent did not start;"
                        + " run java with -javaagent:" + jar + " instead");
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
