package io.github.jawait.tests.attach;

import io.github.jawait.Asyncio;
import io.github.jawait.agent.JawaitAgent;

/** Main class of a jar whose manifest names the agent as Launcher-Agent-Class: no install(), no -javaagent. */
public final class LauncherMain {
    private LauncherMain() {
    }

    public static void main(String[] args) {
        System.out.println("installed: " + JawaitAgent.isInstalled());
        System.out.println("result: " + Asyncio.run(SelfAttachTarget.compute(20)));
    }
}
