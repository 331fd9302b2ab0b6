/**
 * Coroutine frames and the entry points rewritten code calls ({@link io.github.jawait.core.StateMachine}).
 * The only package that touches a frame's state; {@link io.github.jawait.core.FrameDriver} runs a task's
 * chain of frames iteratively. Internal: its names are the agent's contract, not an API.
 */
package io.github.jawait.core;
