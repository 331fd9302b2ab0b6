/** Phase 3: the state machine as pure data: suspension points and what each saves where. */
package io.github.jawait.agent.plan;
