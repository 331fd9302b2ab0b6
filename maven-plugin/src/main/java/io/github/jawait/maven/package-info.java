/**
 * jawait-maven-plugin: the agent's transformer run over compiled class directories at build
 * time ({@code rewrite}, {@code rewrite-test}), so the classes run with no agent.
 */
package io.github.jawait.maven;
