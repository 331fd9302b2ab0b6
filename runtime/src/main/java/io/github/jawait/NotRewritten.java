package io.github.jawait;

import java.util.Optional;

/**
 * The error of an {@code await} or {@code emit} that ran un-rewritten. It names the calling
 * class and says why it was not rewritten: with the agent running, that class was loaded
 * before the agent was installed (the usual mistake with {@code JawaitAgent.install()} called
 * from the class that holds the {@code @Async} methods); without it, the agent is missing.
 */
final class NotRewritten {
    /** Set by the jawait agent when it starts; a system property, so any class loader sees it. */
    static final String AGENT_PROPERTY = "jawait.agent.installed";

    private static final String OTHER_WAYS = "run java with -javaagent:/path/to/jawait-agent.jar,"
            + " or package the agent in the application jar (manifest Launcher-Agent-Class:"
            + " io.github.jawait.agent.JawaitAgent), or rewrite the classes at build time with"
            + " jawait-maven-plugin";

    private NotRewritten() {
    }

    static IllegalStateException error(String call) {
        String caller = caller().orElse("unknown caller");
        String cls = caller.contains(".") ? caller.substring(0, caller.lastIndexOf('.')) : caller;
        if (Boolean.getBoolean(AGENT_PROPERTY)) {
            return new IllegalStateException(call + " ran un-rewritten in " + caller + ": class " + cls
                    + " was loaded before the agent was installed, and the agent rewrites only classes"
                    + " loaded after it. Call JawaitAgent.install() before that class loads, from a class"
                    + " that has no @Async methods (a small launcher class); or " + OTHER_WAYS);
        }
        return new IllegalStateException(call + " ran in " + caller + ", which the jawait agent has not"
                + " rewritten: the agent is not installed in this JVM. Await only inside @Async methods, and "
                + OTHER_WAYS + ", or call io.github.jawait.agent.JawaitAgent.install() first thing in main()"
                + " of a class that has no @Async methods");
    }

    /** {@code Owner.method} of the first frame outside this runtime's facade. */
    private static Optional<String> caller() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().equals(Asyncio.class.getName())
                        && !f.getClassName().equals(NotRewritten.class.getName()))
                .findFirst()
                .map(f -> f.getClassName() + "." + f.getMethodName()));
    }
}
