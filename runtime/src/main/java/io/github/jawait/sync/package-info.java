/**
 * Synchronization primitives for tasks on one event loop, as in asyncio: {@link
 * io.github.jawait.sync.Lock}, {@link io.github.jawait.sync.Event}, {@link
 * io.github.jawait.sync.Condition}, {@link io.github.jawait.sync.Semaphore}, {@link
 * io.github.jawait.sync.BoundedSemaphore}, {@link io.github.jawait.sync.Barrier} and the queues ({@link io.github.jawait.sync.Queue},
 * {@link io.github.jawait.sync.PriorityQueue}, {@link io.github.jawait.sync.LifoQueue}). They
 * are built on the coroutine protocol of {@code io.github.jawait.core} (awaitables that park
 * tasks and wake them through {@code TaskAccess}), never on loop internals. Each call of an
 * awaiting operation returns one small object ({@code Operation}) that is the coroutine, runs
 * nothing until awaited, and is its own node in the primitive's wait queue while its task
 * waits, so a handoff allocates only that. Waiters are served first come, first served, and
 * nothing is lost to a cancellation: a waiter cancelled after it was handed a lock, a permit or
 * an item, but before it ran, raises {@code CancelledError} and what it was handed goes on to
 * the next waiter, as in asyncio. {@link io.github.jawait.sync.Barrier} is built on a
 * {@link io.github.jawait.sync.Condition}. They are not thread-safe: each belongs to the loop
 * that first awaited it.
 */
package io.github.jawait.sync;
