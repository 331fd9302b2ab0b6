package io.github.jawait.benchmarks.group;

import io.github.jawait.EventLoop;
import io.github.jawait.EventLoopGroup;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jol.vm.VM;

/**
 * Where the per-loop objects that every task step writes (the {@code EventLoop}, whose
 * {@code currentTask} changes twice per step, and its ready queue) lie in memory for the loops of
 * one group, before and after a garbage collection has copied them: two loops' hot objects
 * within one 64-byte cache line would make the cores fight over it on every step (false
 * sharing), although the loops share no state.
 *
 * <pre>
 * java -cp benchmarks/target/jawait-benchmarks.jar io.github.jawait.benchmarks.group.LoopLayout
 * </pre>
 */
public final class LoopLayout {
    private LoopLayout() {
    }

    public static void main(String[] args) throws Exception {
        int loops = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        try (EventLoopGroup group = new EventLoopGroup(loops, "layout")) {
            report("as allocated (each loop's thread, its own TLAB)", group);
            for (int i = 0; i < 3; i++) {
                System.gc(); // young, then old: the collector copies the loops' objects side by side
            }
            report("after 3 System.gc()", group);
        }
    }

    static void report(String when, EventLoopGroup group) throws Exception {
        Field ready = EventLoop.class.getDeclaredField("ready");
        ready.setAccessible(true);
        List<long[]> hot = new ArrayList<>(); // {address, size, loop}
        for (int i = 0; i < group.size(); i++) {
            EventLoop loop = group.loop(i);
            Object queue = ready.get(loop);
            hot.add(new long[] {VM.current().addressOf(loop), VM.current().sizeOf(loop), i});
            hot.add(new long[] {VM.current().addressOf(queue), VM.current().sizeOf(queue), i});
        }
        int shared = 0;
        for (long[] a : hot) {
            for (long[] b : hot) {
                if (a[2] < b[2] && lines(a).stream().anyMatch(lines(b)::contains)) {
                    shared++;
                }
            }
        }
        System.out.printf("%s:%n", when);
        for (long[] h : hot) {
            System.out.printf("  loop %d  %-10s at 0x%x, %d B, cache lines %s%n", h[2],
                    hot.indexOf(h) % 2 == 0 ? "EventLoop" : "ReadyQueue", h[0], h[1], lines(h));
        }
        System.out.printf("  pairs of hot objects of different loops sharing a 64-byte line: %d%n", shared);
    }

    static List<Long> lines(long[] object) {
        List<Long> out = new ArrayList<>();
        for (long line = object[0] / 64; line <= (object[0] + object[1] - 1) / 64; line++) {
            out.add(line);
        }
        return out;
    }
}
