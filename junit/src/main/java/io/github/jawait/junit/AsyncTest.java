package io.github.jawait.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test method returning {@code Coroutine<?>} (an {@code @Async} method), run on a fresh
 * {@code EventLoop} that is closed when the test ends; pytest-asyncio's
 * {@code @pytest.mark.asyncio}, Kotlin's {@code runTest}.
 *
 * <pre>{@code
 * @AsyncTest(virtualTime = true)
 * @Async
 * Coroutine<Void> sleepsAnHourInNoTime(VirtualClock clock) {
 *     await(sleep(3600));
 *     assertEquals(3600.0, clock.seconds(), 1e-9);
 *     return done();
 * }
 * }</pre>
 *
 * <p>Parameters of type {@code EventLoop} and {@code VirtualClock} are injected. The test fails
 * when it outlives {@link #timeout()} (naming the live tasks and their states), when a task it
 * started is still running at its end, and when a task failed and nobody retrieved the failure.
 *
 * <p>Jupiter runs only methods that return nothing, so these methods are run by this module's
 * own JUnit Platform engine ({@code jawait}), which Surefire, Gradle and IDEs find on the test
 * class path next to Jupiter. It creates a new instance of the test class for each test
 * (set up in the constructor); Jupiter's lifecycle annotations and extensions do not apply.
 * With {@code junit.jupiter.execution.parallel.enabled=true} the tests run in parallel, each
 * on its own thread with its own loop.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AsyncTest {
    /** Run the loop on a {@code VirtualClock}: sleeps and timeouts take no real time. */
    boolean virtualTime() default false;

    /** Fail the test after this many seconds of loop time (virtual time with {@link #virtualTime()}); 0 means never. */
    double timeout() default 0;
}
