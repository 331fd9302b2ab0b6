package io.github.jawait.junit;

import java.lang.reflect.Method;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.hierarchical.Node;

/** One {@link AsyncTest} method; executing it runs it on a fresh loop ({@link AsyncTestRun}). */
final class AsyncTestMethodDescriptor extends AbstractTestDescriptor implements Node<JawaitTestEngine.Context> {
    static final String SEGMENT = "method";
    private final Class<?> testClass;
    private final Method method;

    AsyncTestMethodDescriptor(UniqueId id, Class<?> testClass, Method method) {
        super(id, method.getName() + "()", MethodSource.from(testClass, method));
        this.testClass = testClass;
        this.method = method;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public JawaitTestEngine.Context execute(JawaitTestEngine.Context context, DynamicTestExecutor executor)
            throws Exception {
        try {
            new AsyncTestRun(testClass, method).run();
        } catch (Throwable t) {
            throw AsyncTestMethodDescriptor.<RuntimeException>rethrow(t); // as it is: the test's own failure
        }
        return context;
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E rethrow(Throwable t) throws E {
        throw (E) t;
    }
}
