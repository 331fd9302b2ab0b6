/**
 * The jawait Java agent: {@link io.github.jawait.agent.JawaitAgent} (premain, agentmain, install),
 * {@link io.github.jawait.agent.AsyncClassTransformer} and {@link io.github.jawait.agent.ClassRewriter},
 * which runs the phases in the subpackages scan, analyse, plan and rewrite (see docs/transformation.md).
 */
package io.github.jawait.agent;
