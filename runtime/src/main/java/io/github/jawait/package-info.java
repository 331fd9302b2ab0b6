/**
 * jawait, asyncio for Java: {@link io.github.jawait.Asyncio} (the vocabulary: await, sleep,
 * gather, createTask, run, ...), {@link io.github.jawait.EventLoop}, {@link io.github.jawait.Task},
 * {@link io.github.jawait.Coroutine}, the combinators and scopes ({@link io.github.jawait.TaskGroup},
 * {@link io.github.jawait.Timeout}) and {@link io.github.jawait.Waiter}, the park-until-woken
 * primitive everything else is built on.
 */
package io.github.jawait;
