package io.github.jawait;

/**
 * The runtime's logger, made when something is first logged. {@code System.getLogger} starts
 * the JDK's logging (about 50 classes and a service lookup), which a program that logs nothing
 * should not pay for at start-up (issue 17); a static field in {@code EventLoop} made every
 * program pay it with its first loop.
 */
final class RuntimeLog {
    static final System.Logger LOG = System.getLogger("io.github.jawait");

    private RuntimeLog() {
    }
}
