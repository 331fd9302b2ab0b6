package io.github.jawait.tests.attach;

import io.github.jawait.Asyncio;
import io.github.jawait.agent.JawaitAgent;

/** Started in a JVM without -javaagent: installs the agent, then loads @Async code. */
public final class SelfAttachMain {
    private SelfAttachMain() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("installed before: " + JawaitAgent.isInstalled());
        JawaitAgent.install();
        System.out.println("installed after: " + JawaitAgent.isInstalled());
        // loaded only now, after install(): rewritten
        Object result = Asyncio.run(SelfAttachTarget.compute(20));
        System.out.println("result: " + result);
    }
}
