package io.github.jawait.jfr;

import io.github.jawait.core.ConstantSwitch;
import java.lang.invoke.MethodHandle;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * Whether a flight recording runs: the loop and tasks test {@link #recording} (one volatile
 * load, a plain load on x86) before they touch an event class, so without a recording no
 * event is made and the event classes are not even loaded. A {@link FlightRecorderListener}
 * keeps the flag up to date as recordings start and stop.
 *
 * <p>Registering that listener initializes JFR's machinery (a few hundred milliseconds), so it
 * is registered only once JFR is up anyway: when a loop is made or goes idle and
 * {@link FlightRecorder#isInitialized()} says so (a static read). A recording started later
 * from outside ({@code jcmd JFR.start}) is noticed at the loop's next idle moment.
 */
public final class JfrEvents {
    /** True while at least one recording is running; then the events check their own settings. */
    public static volatile boolean recording;
    /** {@link #recording} as a constant to compiled code: see {@link #on()}. */
    private static final ConstantSwitch SWITCH = new ConstantSwitch(false);
    private static final MethodHandle ON = SWITCH.reader;
    /** The listener is registered (or there is no JFR in this runtime): nothing more to check. */
    private static boolean settled;

    private JfrEvents() {
    }

    /**
     * Whether a recording runs, as the loop and tasks test it on every turn and step: a
     * {@link ConstantSwitch}, so that without a recording the compiled test is gone.
     */
    public static boolean on() {
        return ConstantSwitch.read(ON);
    }

    /** Called when a loop is made and when it goes idle: one static read once settled. */
    public static void watchRecordings() {
        if (!settled) {
            listenOnceJfrIsUp();
        }
    }

    private static synchronized void listenOnceJfrIsUp() {
        if (settled) {
            return;
        }
        try {
            if (!FlightRecorder.isInitialized()) {
                return; // no recording has ever run: look again next time
            }
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
        } catch (LinkageError | SecurityException | IllegalStateException noJfr) {
            // a runtime image without jdk.jfr, or JFR disabled: no events, nothing to watch
        }
        settled = true;
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
        SWITCH.set(any);
    }
}
