/** Phase 2: verifier types of every local and stack entry (without loading classes), and monitor depth. */
package io.github.jawait.agent.analyse;
