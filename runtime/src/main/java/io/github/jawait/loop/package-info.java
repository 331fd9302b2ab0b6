/**
 * The parts of the event loop, each with one job: {@link io.github.jawait.loop.ReadyQueue} (what runs
 * next turn), {@link io.github.jawait.loop.TimerHeap} (deadlines), {@link io.github.jawait.loop.Inbox}
 * (the only door from other threads). Internal.
 */
package io.github.jawait.loop;
