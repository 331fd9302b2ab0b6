/** Phase 2: verifier types of every local and stack entry (without loading classes), monitor depth, and the calls that block a thread. */
package io.github.jawait.agent.analyse;
