package io.github.jawait.junit;

import java.util.Optional;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.config.PrefixedConfigurationParameters;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.ParallelHierarchicalTestExecutorServiceFactory;

/**
 * The JUnit Platform engine that runs {@link AsyncTest} methods. A separate engine because
 * Jupiter refuses test methods that return a value ("must not return a value. It will not be
 * executed"), and a coroutine test must return its coroutine.
 */
public final class JawaitTestEngine extends HierarchicalTestEngine<JawaitTestEngine.Context> {
    public static final String ID = "jawait";
    private static final String PARALLEL = "junit.jupiter.execution.parallel.enabled";
    private static final String PARALLEL_CONFIG = "junit.jupiter.execution.parallel.config.";

    /** Nothing is shared between tests: each one makes its own loop. */
    public static final class Context implements EngineExecutionContext {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("io.github.jawait");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("jawait-junit");
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EngineDescriptor engine = new EngineDescriptor(uniqueId, "jawait @AsyncTest");
        EngineDiscoveryRequestResolver.<EngineDescriptor>builder()
                .addClassContainerSelectorResolver(AsyncTestDiscovery::hasAsyncTests)
                .addSelectorResolver(new AsyncTestDiscovery())
                .build()
                .resolve(request, engine);
        return engine;
    }

    @Override
    protected HierarchicalTestExecutorService createExecutorService(ExecutionRequest request) {
        ConfigurationParameters parameters = request.getConfigurationParameters();
        if (parameters.getBoolean(PARALLEL).orElse(false)) {
            // Jupiter's switch and settings: one place for the user to turn parallelism on
            return ParallelHierarchicalTestExecutorServiceFactory.create(
                    new PrefixedConfigurationParameters(parameters, PARALLEL_CONFIG));
        }
        return super.createExecutorService(request);
    }

    @Override
    protected Context createExecutionContext(ExecutionRequest request) {
        return new Context();
    }
}
