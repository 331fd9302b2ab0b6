package io.github.jawait.tests.attach;

/** A main class with nothing for the agent to rewrite: what AgentStartClassesTest starts. */
public final class PlainMain {
    private PlainMain() {
    }

    public static void main(String[] args) {
        System.out.println("plain");
    }
}
