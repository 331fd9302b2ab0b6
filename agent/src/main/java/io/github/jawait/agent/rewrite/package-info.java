/** Phase 4: emits the factory and the resume method, moves constructor calls, replaces refused bodies. */
package io.github.jawait.agent.rewrite;
