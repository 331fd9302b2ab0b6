package io.github.jawait.agent.scan;

import java.nio.charset.StandardCharsets;

/**
 * Phase 1a, scan: decides from raw bytes, without parsing, whether a class can contain
 * anything to rewrite. A class that names neither {@code @Async} nor {@code Asyncio} in its
 * constant pool is passed over untouched, so start-up cost stays flat for everything else.
 */
public final class CheapScan {
    private static final byte[] ASYNC = "Lio/github/jawait/Async;".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ASYNCIO = "io/github/jawait/Asyncio".getBytes(StandardCharsets.US_ASCII);

    private CheapScan() {
    }

    /** Whether a class with this internal name may ever be rewritten. */
    public static boolean eligibleName(String internalName) {
        return internalName != null
                && !internalName.startsWith("java/")
                && !internalName.startsWith("javax/")
                && !internalName.startsWith("jdk/")
                && !internalName.startsWith("sun/")
                && !internalName.startsWith("com/sun/")
                && !internalName.startsWith("io/github/jawait/agent/")
                && !internalName.startsWith("io/github/jawait/core/")
                && !internalName.startsWith("io/github/jawait/loop/")
                && !internalName.startsWith("io/github/jawait/sync/")
                && !isRuntimeApi(internalName)
                && !internalName.startsWith("net/bytebuddy/")
                && !internalName.startsWith("org/objectweb/asm/");
    }

    /** The runtime's own API package (io.github.jawait.Asyncio, Task, ...), not its subpackages. */
    private static boolean isRuntimeApi(String internalName) {
        return internalName.startsWith("io/github/jawait/")
                && internalName.indexOf('/', "io/github/jawait/".length()) < 0;
    }

    /** Whether the class file mentions {@code @Async} or {@code Asyncio}. */
    public static boolean mentionsJawait(byte[] classFile) {
        return indexOf(classFile, ASYNC) >= 0 || indexOf(classFile, ASYNCIO) >= 0;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        byte first = needle[0];
        int last = haystack.length - needle.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (haystack[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
