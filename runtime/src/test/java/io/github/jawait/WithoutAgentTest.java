package io.github.jawait;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** This module's tests run without the agent: await must name the caller and say how to install it. */
class WithoutAgentTest {
    private static final String CALLER = WithoutAgentTest.class.getName() + ".lambda$";

    @Test
    void awaitNamesTheCallerAndSaysHowToInstallTheAgent() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.await(Asyncio.result(1)));
        assertTrue(e.getMessage().startsWith("Asyncio.await() ran in " + CALLER), e.getMessage());
        assertTrue(e.getMessage().contains("which the jawait agent has not rewritten: the agent is not"
                + " installed in this JVM"), e.getMessage());
        assertTrue(e.getMessage().contains("-javaagent:/path/to/jawait-agent.jar"), e.getMessage());
        assertTrue(e.getMessage().contains("Launcher-Agent-Class"), e.getMessage());
        assertTrue(e.getMessage().contains("jawait-maven-plugin"), e.getMessage());
        assertTrue(e.getMessage().contains("io.github.jawait.agent.JawaitAgent.install()"), e.getMessage());
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> Asyncio.await(CompletableFuture.completedFuture(1)));
        assertTrue(s.getMessage().startsWith("Asyncio.await() ran in " + CALLER), s.getMessage());
        IllegalStateException g = assertThrows(IllegalStateException.class, () -> Asyncio.emit(1));
        assertTrue(g.getMessage().startsWith("Asyncio.emit() ran in " + CALLER), g.getMessage());
    }

    @Test
    void withTheAgentRunningItSaysTheClassLoadedBeforeTheAgent() {
        // what the agent sets when it starts; this JVM has no agent, so pretend for one call
        System.setProperty(NotRewritten.AGENT_PROPERTY, "true");
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.await(Asyncio.result(1)));
            assertTrue(e.getMessage().startsWith("Asyncio.await() ran un-rewritten in " + CALLER), e.getMessage());
            assertTrue(e.getMessage().contains(": class " + WithoutAgentTest.class.getName()
                    + " was loaded before the agent was installed"), e.getMessage());
            assertTrue(e.getMessage().contains("from a class that has no @Async methods"), e.getMessage());
        } finally {
            System.clearProperty(NotRewritten.AGENT_PROPERTY);
        }
    }
}
