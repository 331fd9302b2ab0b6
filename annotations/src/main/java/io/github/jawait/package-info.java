/** The {@code @Async} annotation: marks a method the jawait agent rewrites into a coroutine. */
package io.github.jawait;
