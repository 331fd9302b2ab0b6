package io.github.jawait.jfr;

import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * Whether a flight recording runs: the loop and tasks test {@link #recording} (one volatile
 * load, a plain load on x86) before they touch an event class, so without a recording no
 * event is made and the event classes are not even loaded. A {@link FlightRecorderListener}
 * keeps the flag up to date as recordings start and stop.
 */
public final class JfrEvents {
    /** True while at least one recording is running; then the events check their own settings. */
    public static volatile boolean recording;

    static {
        try {
            FlightRecorder.addListener(new FlightRecorderListener() {
                @Override
                public void recorderInitialized(FlightRecorder recorder) {
                    update(recorder);
                }

                @Override
                public void recordingStateChanged(Recording changed) {
                    update(FlightRecorder.getFlightRecorder());
                }
            });
        } catch (Throwable noJfr) {
            // a runtime image without jdk.jfr, or JFR disabled: no events, nothing to watch
        }
    }

    private JfrEvents() {
    }

    /** Called once, when the first loop is made: loads this class and registers the listener. */
    public static void watchRecordings() {
        // the static initializer did the work
    }

    private static void update(FlightRecorder recorder) {
        boolean any = false;
        for (Recording r : recorder.getRecordings()) {
            if (r.getState() == RecordingState.RUNNING) {
                any = true;
                break;
            }
        }
        recording = any;
    }
}
