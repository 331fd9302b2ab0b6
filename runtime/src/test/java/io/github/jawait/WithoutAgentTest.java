package io.github.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** This module's tests run without the agent: await must say how to install it. */
class WithoutAgentTest {

    @Test
    void awaitSaysHowToInstallTheAgent() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.await(Asyncio.result(1)));
        assertEquals(Asyncio.NOT_REWRITTEN, e.getMessage());
        assertEquals(true, e.getMessage().contains("-javaagent:"));
        assertEquals(true, e.getMessage().contains("io.github.jawait.agent.JawaitAgent.install()"));
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> Asyncio.await(CompletableFuture.completedFuture(1)));
        assertEquals(Asyncio.NOT_REWRITTEN, s.getMessage());
    }
}
