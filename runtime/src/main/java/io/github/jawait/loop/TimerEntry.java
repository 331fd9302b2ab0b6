package io.github.jawait.loop;

/**
 * Something the {@link TimerHeap} can hold. The heap keeps deadlines in its own arrays and
 * stamps the entry with the identity of its live record, so a sleeping task is its own timer
 * (no allocation per sleep) and a cancelled timer is recognised, and skipped, without the heap
 * ever touching the entry while it sifts.
 */
public interface TimerEntry {

    /**
     * The stamp of this entry's armed timer, or -1 when none is armed: a non-negative int the
     * heap chooses (see {@link TimerHeap}). An int, not a long: tasks are counted in millions
     * and this is a field of each.
     */
    int timerSeq();

    /** Set by the heap when the timer is armed, fires or is cancelled. */
    void timerSeq(int seq);

    /** Runs on the loop thread when the deadline has passed. */
    void onTimer();
}
