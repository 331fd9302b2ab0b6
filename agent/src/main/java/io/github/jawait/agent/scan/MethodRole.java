package io.github.jawait.agent.scan;

/** What the agent does with one method. */
public enum MethodRole {
    /** Nothing to do: left byte for byte as it is. */
    LEAVE,
    /** An {@code @Async} method or async lambda body: rewritten into a state machine. */
    REWRITE,
    /** Wrong use of the API: the body is replaced by one that throws the reason. */
    REFUSE
}
