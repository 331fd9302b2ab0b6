package io.github.jawait;

/**
 * What {@link Asyncio#first} yields: which of its awaitables finished first ({@code index}, in
 * argument order) and its value.
 *
 * <pre>{@code
 * Winner<Object> w = await(first(queue.get(), stop.waitFor(), sleep(5)));
 * switch (w.index()) {
 *     case 0 -> handle((Job) w.value());
 *     case 1 -> shutDown();
 *     default -> idle();
 * }
 * }</pre>
 *
 * @param index the position of the winning awaitable among {@code first}'s arguments
 * @param value its value (null for a {@code sleep})
 * @param <T> the common type of the values
 */
public record Winner<T>(int index, T value) {
}
