package io.github.jawait.tests.shapes.plugin;

/** The other plugin class; see {@link PluginA}. */
public class PluginB extends PluginBase {
    @Override
    public String name() {
        return "b";
    }
}
