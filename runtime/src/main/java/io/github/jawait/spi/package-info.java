/**
 * Extension points for other libraries: {@link io.github.jawait.spi.AwaitableAdapter} makes
 * their futures awaitable ("await anything"), found with {@link java.util.ServiceLoader}.
 */
package io.github.jawait.spi;
