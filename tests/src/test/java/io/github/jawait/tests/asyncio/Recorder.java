package io.github.jawait.tests.asyncio;

import io.github.jawait.EventLoop;
import java.util.ArrayList;
import java.util.List;

/** Records events with the loop time at which they happened, e.g. {@code "A done @1.0"}. */
final class Recorder {
    final List<String> events = new ArrayList<>();

    void add(String event) {
        events.add(event + " @" + EventLoop.current().time());
    }

    void addPlain(String event) {
        events.add(event);
    }
}
