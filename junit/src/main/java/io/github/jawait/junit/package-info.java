/**
 * {@link io.github.jawait.junit.AsyncTest}: test methods that return a coroutine, each run on a
 * fresh event loop by the {@code jawait} JUnit Platform engine.
 */
package io.github.jawait.junit;
