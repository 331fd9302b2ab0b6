package io.github.jawait.tests.asyncio;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures what the runtime reports through System.Logger (backed by java.util.logging). */
public final class LogCapture extends Handler implements AutoCloseable {
    public final List<LogRecord> records = new ArrayList<>();
    private final Logger logger = Logger.getLogger("io.github.jawait");

    public LogCapture() {
        logger.addHandler(this);
        logger.setUseParentHandlers(false);
    }

    @Override
    public synchronized void publish(LogRecord r) {
        records.add(r);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setUseParentHandlers(true);
    }
}
