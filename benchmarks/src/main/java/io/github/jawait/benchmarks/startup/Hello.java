package io.github.jawait.benchmarks.startup;

/** Start-up scenario (issue 17): the plain hello world, the baseline JVM start. See benchmarks/startup.py. */
public final class Hello {
    private Hello() {
    }

    public static void main(String[] args) {
        System.out.println("hello, world");
    }
}
