package io.github.jawait.io;

import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/** Makes the {@link SSLEngine} of each side, with asyncio's defaults for a client. */
final class TlsEngines {
    private TlsEngines() {
    }

    /**
     * A client engine for {@code hostname}: SNI unless the name is an IP literal (RFC 6066),
     * and the {@code "HTTPS"} endpoint identification, which checks the server certificate's
     * names (DNS or IP SANs) against it, unless {@code checkHostname} is false.
     */
    static SSLEngine client(SSLContext context, String hostname, int port, boolean checkHostname) {
        if (hostname == null && checkHostname) {
            throw new IllegalArgumentException("TLS with a hostname check needs the server's host name:"
                    + " pass serverHostname, or turn the check off with checkHostname(false)");
        }
        SSLEngine engine = hostname == null ? context.createSSLEngine() : context.createSSLEngine(hostname, port);
        engine.setUseClientMode(true);
        SSLParameters p = engine.getSSLParameters();
        if (checkHostname) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (hostname != null && !Resolver.isLiteral(hostname)) {
            p.setServerNames(List.of(new SNIHostName(hostname)));
        }
        engine.setSSLParameters(p);
        return engine;
    }

    /** A server engine with the context's defaults (certificate chosen by its key manager, SNI included). */
    static SSLEngine server(SSLContext context) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        return engine;
    }
}
