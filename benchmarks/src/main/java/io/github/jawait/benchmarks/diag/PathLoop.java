package io.github.jawait.benchmarks.diag;

import io.github.jawait.EventLoop;
import io.github.jawait.benchmarks.JawaitWorkloads;
import io.github.jawait.benchmarks.macro.FloorContender;

/**
 * The driver of {@code benchmarks/instructions.sh}: runs {@code rounds} rounds of 100,000
 * operations of one scheduling path on one loop, then exits. Run under valgrind twice with
 * different round counts, the difference of the two instruction counts divided by the extra
 * operations is the instructions one operation executes once the JIT has settled: a figure
 * that does not move with the machine's load, unlike a time.
 *
 * <pre>java -javaagent:agent.jar -cp jawait-benchmarks.jar io.github.jawait.benchmarks.diag.PathLoop spawn 12</pre>
 */
public final class PathLoop {
    /** Operations per round. */
    public static final int OPS = 100_000;

    private static final FloorContender FLOOR = new FloorContender(false);
    private static final FloorContender SHAPED_FLOOR = new FloorContender(true);

    private PathLoop() {
    }

    public static void main(String[] args) {
        String path = args[0];
        int rounds = Integer.parseInt(args[1]);
        long check = 0;
        try (EventLoop loop = new EventLoop()) {
            for (int i = 0; i < rounds; i++) {
                check += switch (path) {
                    case "spawn" -> loop.runUntilComplete(JawaitWorkloads.spawnSequentially(OPS));
                    case "yield" -> {
                        loop.runUntilComplete(JawaitWorkloads.yielder(OPS));
                        yield OPS;
                    }
                    case "handoff" -> loop.runUntilComplete(JawaitWorkloads.queuePingPong(OPS / 2));
                    case "call" -> loop.runUntilComplete(JawaitWorkloads.awaitImmediateCalls(OPS));
                    case "callchain" -> {
                        loop.runUntilComplete(JawaitWorkloads.awaitImmediateChains(OPS));
                        yield OPS;
                    }
                    case "chain" -> {
                        loop.runUntilComplete(JawaitWorkloads.chain(10, OPS));
                        yield OPS;
                    }
                    // a gather of OPS tasks each sleeping 1 ms, and the same by hand (the floor), plain
                    // and with jawait's memory shape: instructions per sleeping task
                    case "sleepers" -> loop.runUntilComplete(JawaitWorkloads.sleepers(OPS, 0.001, null));
                    case "floorsleepers" -> {
                        FLOOR.sleepers(OPS, 0.001, null);
                        yield OPS;
                    }
                    case "shapedsleepers" -> {
                        SHAPED_FLOOR.sleepers(OPS, 0.001, null);
                        yield OPS;
                    }
                    default -> throw new IllegalArgumentException("path: spawn, yield, handoff, call, callchain, chain,"
                            + " sleepers, floorsleepers or shapedsleepers, not " + path);
                };
            }
        }
        System.out.println(path + " " + check);
    }
}
