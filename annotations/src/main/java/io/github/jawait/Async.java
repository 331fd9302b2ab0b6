package io.github.jawait;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as a coroutine, Python's {@code async def}.
 *
 * <pre>{@code
 * @Async Coroutine<String> greet(String name) {
 *     await(sleep(1));
 *     return result("Hello, " + name);
 * }
 * }</pre>
 *
 * <p>The jawait agent rewrites the method into a resumable state machine: calling it allocates
 * the coroutine and runs nothing; every {@code Asyncio.await(...)} inside it is a suspension point.
 * The method must return {@code Coroutine<T>} (or {@code AsyncGenerator<T>}); the annotation is
 * kept in the class file ({@link RetentionPolicy#CLASS}) because the agent reads it from bytes.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Async {
}
