package io.github.jawait.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.support.discovery.SelectorResolver.Resolution.match;
import static org.junit.platform.engine.support.discovery.SelectorResolver.Resolution.unresolved;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/** Finds {@link AsyncTest} methods: class, method and unique-id selectors (the rest the platform turns into classes). */
final class AsyncTestDiscovery implements SelectorResolver {

    static boolean hasAsyncTests(Class<?> c) {
        return !c.isAnnotation() && !c.isInterface() && !Modifier.isAbstract(c.getModifiers())
                && !asyncTests(c).isEmpty();
    }

    /** Declared and inherited {@code @AsyncTest} methods, in a stable order. */
    static List<Method> asyncTests(Class<?> c) {
        Set<String> seen = new LinkedHashSet<>();
        List<Method> found = new java.util.ArrayList<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            Method[] methods;
            try {
                methods = k.getDeclaredMethods();
            } catch (LinkageError e) {
                return List.of();
            }
            Arrays.sort(methods, Comparator.comparing(Method::getName).thenComparing(Method::toString));
            for (Method m : methods) {
                if (m.isAnnotationPresent(AsyncTest.class) && seen.add(m.getName() + parameters(m))) {
                    found.add(m);
                }
            }
        }
        return found;
    }

    static String parameters(Method m) {
        return Arrays.stream(m.getParameterTypes()).map(Class::getName).collect(Collectors.joining(",", "(", ")"));
    }

    @Override
    public Resolution resolve(ClassSelector selector, Context context) {
        Class<?> c = selector.getJavaClass();
        if (!hasAsyncTests(c)) {
            return unresolved();
        }
        Optional<AsyncTestClassDescriptor> descriptor = context.addToParent(parent -> Optional.of(
                new AsyncTestClassDescriptor(parent.getUniqueId().append(AsyncTestClassDescriptor.SEGMENT, c.getName()), c)));
        if (descriptor.isEmpty()) {
            return unresolved();
        }
        return match(Match.exact(descriptor.get(), () -> methodSelectors(c)));
    }

    private static Set<DiscoverySelector> methodSelectors(Class<?> c) {
        Set<DiscoverySelector> selectors = new LinkedHashSet<>();
        for (Method m : asyncTests(c)) {
            selectors.add(selectMethod(c, m));
        }
        return selectors;
    }

    @Override
    public Resolution resolve(MethodSelector selector, Context context) {
        Class<?> c = selector.getJavaClass();
        Method m = selector.getJavaMethod();
        if (!m.isAnnotationPresent(AsyncTest.class) || !hasAsyncTests(c)) {
            return unresolved();
        }
        return context.addToParent(() -> selectClass(c), parent -> Optional.of(new AsyncTestMethodDescriptor(
                        parent.getUniqueId().append(AsyncTestMethodDescriptor.SEGMENT, m.getName() + parameters(m)), c, m)))
                .map(d -> match(Match.exact(d)))
                .orElse(unresolved());
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        List<UniqueId.Segment> segments = selector.getUniqueId().getSegments();
        if (segments.size() < 2 || !segments.get(0).getValue().equals(JawaitTestEngine.ID)
                || !segments.get(1).getType().equals(AsyncTestClassDescriptor.SEGMENT)) {
            return unresolved();
        }
        String className = segments.get(1).getValue();
        if (segments.size() == 2) {
            return Resolution.selectors(Set.of(selectClass(className)));
        }
        if (segments.get(2).getType().equals(AsyncTestMethodDescriptor.SEGMENT)) {
            String method = segments.get(2).getValue();
            int paren = method.indexOf('(');
            return Resolution.selectors(Set.of(selectMethod(className, method.substring(0, paren),
                    method.substring(paren + 1, method.length() - 1))));
        }
        return unresolved();
    }
}
