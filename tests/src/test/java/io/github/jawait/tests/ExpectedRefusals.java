package io.github.jawait.tests;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Keeps the agent's refusal log of the deliberate misuse fixtures (classes named
 * {@code Misuse*}) out of the console, so that a green run is quiet; tests assert on what it
 * captured. Every other record of the agent's logger goes on to the console as usual. Installed
 * for the whole test run (META-INF/services), because the fixtures are refused when they load,
 * which can happen during test discovery.
 */
public final class ExpectedRefusals extends Handler implements LauncherSessionListener {
    private static final String AGENT_LOGGER = "io.github.jawait.agent";
    private static final String FIXTURE = ".Misuse";
    private static final List<String> CAPTURED = new CopyOnWriteArrayList<>();
    /** Held strongly: java.util.logging forgets the configuration of loggers nobody references. */
    private static final Logger LOGGER = Logger.getLogger(AGENT_LOGGER);
    private static final ExpectedRefusals HANDLER = new ExpectedRefusals();
    private static volatile boolean installed;

    /** Installs the capture; also called by the test that reads it, in case the listener did not run. */
    public static synchronized void install() {
        if (!installed) {
            LOGGER.setUseParentHandlers(false);
            LOGGER.addHandler(HANDLER);
            installed = true;
        }
    }

    /** The messages logged so far for the misuse fixtures, in order. */
    public static List<String> captured() {
        return List.copyOf(CAPTURED);
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        install();
    }

    @Override
    public void publish(LogRecord r) {
        String message = r.getMessage();
        if (message != null && (message.startsWith("jawait: cannot rewrite ")
                || message.startsWith("jawait: internal error while rewriting ")) && message.contains(FIXTURE)) {
            CAPTURED.add(message);
        } else {
            // not expected: on to the parent loggers and their console handler
            Logger.getLogger("io.github.jawait").log(r);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
