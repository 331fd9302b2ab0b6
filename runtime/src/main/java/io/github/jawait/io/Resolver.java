package io.github.jawait.io;

import io.github.jawait.Awaitable;
import io.github.jawait.EventLoop;
import io.github.jawait.core.CompletedCoroutine;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Host names to addresses without blocking the loop: a literal address (IPv4 dotted or IPv6)
 * is parsed at once, a name is looked up on the loop's default executor, as asyncio's
 * {@code getaddrinfo} does.
 */
final class Resolver {
    private Resolver() {
    }

    /** The addresses of {@code host}, in the order the system gives them. */
    static Awaitable<InetAddress[]> resolve(EventLoop loop, String host) {
        if (isLiteral(host)) {
            try {
                return new CompletedCoroutine<>(new InetAddress[] {InetAddress.getByName(host)});
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("bad address literal: " + host, e);
            }
        }
        return loop.runInExecutor(null, () -> InetAddress.getAllByName(host));
    }

    /** Whether {@code host} is an IP address literal, which {@link InetAddress#getByName} parses without a lookup. */
    static boolean isLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true; // IPv6 ("::1", "[::1]")
        }
        int dots = 0;
        int digits = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '.') {
                if (digits == 0) {
                    return false;
                }
                dots++;
                digits = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                digits++;
            } else {
                return false;
            }
        }
        return dots == 3 && digits > 0;
    }
}
