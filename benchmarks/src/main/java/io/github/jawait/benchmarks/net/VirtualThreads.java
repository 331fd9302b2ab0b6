package io.github.jawait.benchmarks.net;

import java.util.concurrent.ExecutorService;

/**
 * {@code Executors.newVirtualThreadPerTaskExecutor()}, looked up reflectively: the module is
 * compiled for Java 17, the virtual-thread server and the load client run on JDK 25.
 */
final class VirtualThreads {
    private VirtualThreads() {
    }

    static ExecutorService perTaskExecutor() {
        try {
            return (ExecutorService) java.util.concurrent.Executors.class
                    .getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("virtual threads need JDK 21 or later; this is "
                    + System.getProperty("java.version"), e);
        }
    }
}
