package io.github.jawait.loop;

/**
 * Something the {@link TimerHeap} can hold. The heap keeps deadlines in its own arrays and
 * stamps the entry with the sequence number of its live timer, so a sleeping task is its own
 * timer (no allocation per sleep) and a cancelled timer is recognised, and skipped, without
 * the heap ever touching the entry while it sifts.
 */
public interface TimerEntry {

    /** The sequence number of this entry's armed timer, or -1 when none is armed. */
    long timerSeq();

    /** Set by the heap when the timer is armed, fires or is cancelled. */
    void timerSeq(long seq);

    /** Runs on the loop thread when the deadline has passed. */
    void onTimer();
}
