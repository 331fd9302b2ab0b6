package io.github.jawait.benchmarks.diag;

import io.github.jawait.loop.TimerEntry;
import io.github.jawait.loop.TimerHeap;
import java.util.Arrays;

/**
 * Diagnosis for the 1M-sleepers drain phase: the runtime's {@link TimerHeap} against a sketch
 * of the fix recommended in docs/benchmarks.md (a 4-ary heap that sifts a hole, so each moved
 * entry gets its index written once, and keeps deadline and sequence in one array). Entries
 * are spread over the heap like real tasks (each followed by ~200 bytes of other objects).
 *
 * <pre>java -cp benchmarks/target/jawait-benchmarks.jar io.github.jawait.benchmarks.diag.TimerHeapExperiment [n]</pre>
 */
public final class TimerHeapExperiment {
    private TimerHeapExperiment() {
    }

    /** A timer entry the size of a Task, followed in memory by a frame-sized filler. */
    static final class Entry implements TimerEntry {
        int index = -1;
        Object filler;
        long a;
        long b;
        long c;
        long d;
        long e;
        long f;

        @Override
        public int timerIndex() {
            return index;
        }

        @Override
        public void timerIndex(int i) {
            index = i;
        }

        @Override
        public void onTimer() {
        }
    }

    /** The recommended shape: 4-ary, hole sifting, (deadline, sequence) interleaved in one long[]. */
    static final class HoleHeap4 {
        private long[] keys = new long[32]; // [2i] = deadline, [2i+1] = sequence
        private TimerEntry[] entries = new TimerEntry[16];
        private int size;
        private long nextSequence;
        private final boolean writeIndex;

        HoleHeap4(boolean writeIndex) {
            this.writeIndex = writeIndex;
        }

        void add(TimerEntry e, long deadline) {
            if (size == entries.length) {
                entries = Arrays.copyOf(entries, size * 2);
                keys = Arrays.copyOf(keys, size * 4);
            }
            int i = size++;
            long seq = nextSequence++;
            while (i > 0) {
                int p = (i - 1) >>> 2;
                if (!less(deadline, seq, keys[2 * p], keys[2 * p + 1])) {
                    break;
                }
                move(p, i);
                i = p;
            }
            set(i, e, deadline, seq);
        }

        TimerEntry pollDue(long now) {
            if (size == 0 || keys[0] - now > 0) {
                return null;
            }
            TimerEntry first = entries[0];
            if (writeIndex) {
                first.timerIndex(-1);
            }
            int last = --size;
            if (last > 0) {
                TimerEntry e = entries[last];
                long d = keys[2 * last];
                long s = keys[2 * last + 1];
                entries[last] = null;
                int i = 0;
                while (true) {
                    int c = 4 * i + 1;
                    if (c >= size) {
                        break;
                    }
                    int best = c;
                    int end = Math.min(c + 4, size);
                    for (int k = c + 1; k < end; k++) {
                        if (less(keys[2 * k], keys[2 * k + 1], keys[2 * best], keys[2 * best + 1])) {
                            best = k;
                        }
                    }
                    if (!less(keys[2 * best], keys[2 * best + 1], d, s)) {
                        break;
                    }
                    move(best, i);
                    i = best;
                }
                set(i, e, d, s);
            } else {
                entries[0] = null;
            }
            return first;
        }

        private static boolean less(long d1, long s1, long d2, long s2) {
            long diff = d1 - d2;
            return diff < 0 || (diff == 0 && s1 < s2);
        }

        private void move(int from, int to) {
            TimerEntry e = entries[from];
            entries[to] = e;
            keys[2 * to] = keys[2 * from];
            keys[2 * to + 1] = keys[2 * from + 1];
            if (writeIndex) {
                e.timerIndex(to);
            }
        }

        private void set(int i, TimerEntry e, long d, long s) {
            entries[i] = e;
            keys[2 * i] = d;
            keys[2 * i + 1] = s;
            if (writeIndex) {
                e.timerIndex(i);
            }
        }
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        for (int round = 0; round < 5; round++) {
            Entry[] es = entries(n);
            long base = System.nanoTime();
            // deadlines as the sleepers make them: now + 1 s, read as the tasks start
            long[] deadlines = new long[n];
            for (int i = 0; i < n; i++) {
                deadlines[i] = base + 1_000_000_000L + i * 300L;
            }
            TimerHeap runtime = new TimerHeap();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                runtime.add(es[i], deadlines[i]);
            }
            long t1 = System.nanoTime();
            int popped = 0;
            while (runtime.pollDue(Long.MAX_VALUE / 2 + base) != null) {
                popped++;
            }
            long t2 = System.nanoTime();
            es = entries(n);
            HoleHeap4 sketch = new HoleHeap4(true);
            long t3 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sketch.add(es[i], deadlines[i]);
            }
            long t4 = System.nanoTime();
            int popped2 = 0;
            while (sketch.pollDue(Long.MAX_VALUE / 2 + base) != null) {
                popped2++;
            }
            long t5 = System.nanoTime();
            es = entries(n);
            HoleHeap4 lazy = new HoleHeap4(false);
            for (int i = 0; i < n; i++) {
                lazy.add(es[i], deadlines[i]);
            }
            long t6 = System.nanoTime();
            int popped3 = 0;
            while (lazy.pollDue(Long.MAX_VALUE / 2 + base) != null) {
                popped3++;
            }
            long t7 = System.nanoTime();
            if (popped != n || popped2 != n || popped3 != n) {
                throw new AssertionError(popped + " " + popped2 + " " + popped3);
            }
            System.out.printf("round %d pollDue per timer: runtime TimerHeap %.0f ns | 4-ary hole heap %.0f ns"
                    + " | same without index writes (lazy cancel) %.0f ns   (add: %.0f / %.0f ns)%n",
                    round, (t2 - t1) / (double) n, (t5 - t4) / (double) n, (t7 - t6) / (double) n,
                    (t1 - t0) / (double) n, (t4 - t3) / (double) n);
        }
    }

    private static Entry[] entries(int n) {
        Entry[] es = new Entry[n];
        for (int i = 0; i < n; i++) {
            es[i] = new Entry();
            es[i].filler = new byte[120];
        }
        return es;
    }
}
