/**
 * The reference runtime of the differential fuzzer: the same names as {@code io.github.jawait}
 * ({@code Async}, {@code Coroutine}, {@code Awaitable}, {@code AsyncCloseable}, {@code Asyncio}),
 * but nothing suspends. An {@code @Async} method runs when it is called and returns a plain
 * holder of its value; {@code await} returns that value or throws that exception at once. A
 * generated program compiled against this package (only its import lines differ) is the plain
 * Java meaning of the same program, which the rewritten state machines must reproduce.
 */
package io.github.jawait.fuzz.ref;
