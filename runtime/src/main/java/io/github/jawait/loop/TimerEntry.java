package io.github.jawait.loop;

/**
 * Something the {@link TimerHeap} can hold. The heap keeps deadlines in its own arrays and
 * only tells the entry where it sits, so a sleeping task is its own timer: no allocation per
 * sleep.
 */
public interface TimerEntry {

    /** The entry's index in the heap, or -1 when it is not scheduled. */
    int timerIndex();

    /** Set by the heap whenever the entry moves. */
    void timerIndex(int index);

    /** Runs on the loop thread when the deadline has passed. */
    void onTimer();
}
