package io.github.jawait.junit;

import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Task;
import io.github.jawait.VirtualClock;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/**
 * Runs one {@link AsyncTest} method: a new instance of the test class, a new loop on this
 * thread, the coroutine as the loop's main task, an optional deadline in loop time; then the
 * end-of-test checks (tasks still running, failures nobody retrieved), and the loop closed.
 */
final class AsyncTestRun {
    private final Class<?> testClass;
    private final Method method;
    private final AsyncTest settings;

    AsyncTestRun(Class<?> testClass, Method method) {
        this.testClass = testClass;
        this.method = method;
        this.settings = method.getAnnotation(AsyncTest.class);
    }

    void run() throws Throwable {
        if (!Coroutine.class.isAssignableFrom(method.getReturnType())) {
            throw new IllegalStateException("@AsyncTest method " + name() + " must return Coroutine<?> (and be"
                    + " @Async), but it returns " + method.getReturnType().getName());
        }
        VirtualClock clock = settings.virtualTime() ? new VirtualClock() : null;
        EventLoop loop = clock != null ? new EventLoop(clock) : new EventLoop();
        Throwable failure = null;
        List<String> problems = new ArrayList<>();
        String[] timedOut = {null};
        try {
            Coroutine<?> coroutine = start(loop, clock);
            if (settings.timeout() > 0) {
                Duration limit = Duration.ofNanos((long) (settings.timeout() * 1e9));
                loop.callLater(limit, () -> {
                    timedOut[0] = dump(loop.allTasks());
                    for (Task<?> t : loop.allTasks()) {
                        if (t.getCoroutine() == coroutine) {
                            t.cancel("@AsyncTest timeout");
                        }
                    }
                });
            }
            try {
                loop.runUntilComplete(coroutine);
            } catch (Throwable t) {
                failure = t;
            }
            if (timedOut[0] != null) {
                AssertionFailedError e = new AssertionFailedError(name() + " timed out after " + settings.timeout()
                        + " s of loop time; tasks alive at the deadline:\n" + timedOut[0]);
                if (failure != null && !(failure instanceof CancelledError)) {
                    e.addSuppressed(failure);
                }
                failure = e;
            } else {
                List<Task<?>> alive = loop.allTasks();
                if (!alive.isEmpty()) {
                    problems.add(alive.size() + (alive.size() == 1 ? " task was" : " tasks were")
                            + " still running when the test ended (await or cancel them before returning):\n"
                            + dump(alive));
                }
            }
        } finally {
            List<UnretrievedFailures.Report> lost = UnretrievedFailures.during(loop::close);
            if (!lost.isEmpty()) {
                problems.add(lost.stream().map(r -> "  " + r.message() + ": " + r.failure())
                        .collect(Collectors.joining("\n", lost.size() + " task failure" + (lost.size() == 1 ? " was" : "s were")
                                + " never retrieved (await the task or call exception() on it):\n", "")));
            }
            if (!problems.isEmpty()) {
                AssertionFailedError e = new AssertionFailedError(name() + ": " + String.join("\n", problems));
                lost.forEach(r -> e.addSuppressed(r.failure()));
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The test's coroutine: a new instance, the method called with its injected arguments (which runs nothing yet). */
    private Coroutine<?> start(EventLoop loop, VirtualClock clock) throws Throwable {
        Object instance = null;
        if (!Modifier.isStatic(method.getModifiers())) {
            Constructor<?> constructor = testClass.getDeclaredConstructor();
            constructor.setAccessible(true);
            instance = invoke(() -> constructor.newInstance());
        }
        Class<?>[] types = method.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            if (types[i] == EventLoop.class) {
                args[i] = loop;
            } else if (types[i] == VirtualClock.class && clock != null) {
                args[i] = clock;
            } else if (types[i] == VirtualClock.class) {
                throw new IllegalStateException(name() + " takes a VirtualClock: annotate it @AsyncTest(virtualTime = true)");
            } else {
                throw new IllegalStateException(name() + ": cannot inject a parameter of type " + types[i].getName()
                        + "; @AsyncTest methods may take EventLoop and VirtualClock");
            }
        }
        method.setAccessible(true);
        Object target = instance;
        Coroutine<?> c = (Coroutine<?>) invoke(() -> method.invoke(target, args));
        if (c == null) {
            throw new IllegalStateException(name() + " returned null instead of a coroutine");
        }
        return c;
    }

    private interface Reflective {
        Object call() throws ReflectiveOperationException;
    }

    private static Object invoke(Reflective call) throws Throwable {
        try {
            return call.call();
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static String dump(List<Task<?>> tasks) {
        return tasks.stream().map(t -> "  " + t).collect(Collectors.joining("\n"));
    }

    private String name() {
        return testClass.getName() + "." + method.getName();
    }
}
