package io.github.jawait.tests.shapes.plugin;

/** A plugin's base class; see {@link Plugin}. */
public class PluginBase {
    public String name() {
        return "base";
    }
}
