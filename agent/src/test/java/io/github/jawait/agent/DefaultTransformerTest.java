package io.github.jawait.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.example.marker.MarkerFixture;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The transformer an agent started without options installs ({@code new AsyncClassTransformer()},
 * which leaves the policy unresolved until the first rewrite so as to load fewer classes at
 * start-up) rewrites exactly as the one built from {@link AgentOptions#DEFAULT}.
 */
class DefaultTransformerTest {
    private static byte[] bytesOf(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }

    @Test
    void theNoArgumentTransformerRewritesAsTheDefaultOptionsDo() throws IOException {
        ClassLoader loader = MarkerFixture.class.getClassLoader();
        byte[] fixture = bytesOf(MarkerFixture.class);
        byte[] byDefault = new AsyncClassTransformer().transform(loader, "com/example/marker/MarkerFixture", null, null,
                fixture);
        byte[] byOptions = new AsyncClassTransformer(AgentOptions.DEFAULT).transform(loader,
                "com/example/marker/MarkerFixture", null, null, fixture);
        assertNotNull(byDefault);
        assertArrayEquals(byOptions, byDefault);
    }

    @Test
    void theNoArgumentTransformerPassesOverClassesWithoutJawait() throws IOException {
        assertNull(new AsyncClassTransformer().transform(getClass().getClassLoader(),
                "io/github/jawait/agent/DefaultTransformerTest", null, null, bytesOf(DefaultTransformerTest.class)));
    }
}
