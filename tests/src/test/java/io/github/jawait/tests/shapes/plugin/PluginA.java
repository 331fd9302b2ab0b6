package io.github.jawait.tests.shapes.plugin;

/** One of two plugin classes whose common superclass is only known from their class files. */
public class PluginA extends PluginBase {
    @Override
    public String name() {
        return "a";
    }
}
