package io.github.jawait.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what a closing loop reports about failures nobody retrieved (it logs them on
 * {@code io.github.jawait}), so the test fails with them instead of the log saying it. Per
 * thread: tests running in parallel each close their own loop on their own thread.
 */
final class UnretrievedFailures {
    record Report(String message, Throwable failure) {
    }

    /** Held strongly: java.util.logging forgets the configuration of loggers nobody references. */
    private static final Logger LOOP_LOGGER = Logger.getLogger("io.github.jawait");
    private static final ThreadLocal<List<Report>> COLLECTING = new ThreadLocal<>();
    private static boolean installed;

    private UnretrievedFailures() {
    }

    /** Runs {@code close} and returns the failures it reported on this thread. */
    static List<Report> during(Runnable close) {
        install();
        List<Report> reports = new ArrayList<>();
        COLLECTING.set(reports);
        try {
            close.run();
        } finally {
            COLLECTING.remove();
        }
        return reports;
    }

    private static synchronized void install() {
        if (installed) {
            return;
        }
        Filter previous = LOOP_LOGGER.getFilter();
        LOOP_LOGGER.setFilter(r -> {
            List<Report> reports = COLLECTING.get();
            if (reports != null && r.getThrown() != null) {
                reports.add(new Report(message(r), r.getThrown()));
                return false;
            }
            return previous == null || previous.isLoggable(r);
        });
        installed = true;
    }

    private static String message(LogRecord r) {
        return r.getMessage();
    }
}
