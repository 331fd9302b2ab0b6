package io.github.jawait.junit;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.hierarchical.Node;

/** A test class holding {@link AsyncTest} methods: a container with nothing to run itself. */
final class AsyncTestClassDescriptor extends AbstractTestDescriptor implements Node<JawaitTestEngine.Context> {
    static final String SEGMENT = "class";

    AsyncTestClassDescriptor(UniqueId id, Class<?> testClass) {
        super(id, testClass.getSimpleName(), ClassSource.from(testClass));
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }
}
