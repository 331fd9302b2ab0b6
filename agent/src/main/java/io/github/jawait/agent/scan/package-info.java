/** Phase 1: which classes and methods are rewritten, refused or left alone; cheap enough for every class the JVM loads. */
package io.github.jawait.agent.scan;
