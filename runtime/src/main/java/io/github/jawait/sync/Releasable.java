package io.github.jawait.sync;

/** A primitive whose {@link Permit} gives back what was acquired. */
interface Releasable {
    void release();
}
