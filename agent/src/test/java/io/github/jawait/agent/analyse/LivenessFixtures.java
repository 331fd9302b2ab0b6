package io.github.jawait.agent.analyse;

/**
 * Plain methods (no agent involved) whose compiled bytecode {@link LivenessTest} analyses; each
 * call to {@link #point} marks a place where the test asks what is live. Compiled with
 * {@code -g}, so locals are found by name in the local variable table.
 */
@SuppressWarnings("unused")
final class LivenessFixtures {
    private LivenessFixtures() {
    }

    static void point() {
    }

    static int read(Object o) {
        return 0;
    }

    /** {@code seconds} is dead at the point, {@code kept} is live. */
    static int deadParameter(double seconds, String kept) {
        point();
        return kept.length();
    }

    /** {@code sum} is read at the loop head: live at the point inside the loop. */
    static int loop(int[] xs, String unused) {
        int sum = 0;
        for (int i = 0; i < xs.length; i++) {
            point();
            sum += xs[i];
        }
        return sum;
    }

    /** {@code seen} is read only by the handler: live at the point, and before {@code seen = 2}. */
    static int handlerReads(Object o) {
        int seen = 1;
        Object big = new byte[10];
        try {
            read(big);
            seen = 2;
            point();
            seen = 3;
        } catch (RuntimeException e) {
            return seen;
        }
        return 0;
    }

    /** {@code total} (a long) and {@code scale} (a double) are live; {@code before} is not. */
    static long wide(long before, double scale) {
        long total = before * 2;
        point();
        return (long) (total * scale);
    }

    /** After its last use, {@code this} is dead. */
    int instanceLastUse() {
        int h = hashCode();
        point();
        return h;
    }

    /** Every case reads a different local. */
    static int switched(int k, String a, String b, String c) {
        point();
        switch (k) {
            case 0:
                return a.length();
            case 1:
                return b.length();
            case 1000:
                return 7;
            default:
                return c.length();
        }
    }
}
