package io.github.jawait.tests.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed EC certificate made by the running JDK's {@code keytool} into a temporary
 * PKCS12 file, with the SSL contexts a TLS test needs: the server's (its key and certificate)
 * and a client's that trusts exactly that certificate. {@link #localhost()} is made once per
 * test JVM (keytool takes seconds on a busy machine).
 */
public final class SelfSignedCertificate {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static SelfSignedCertificate localhost;

    private final KeyStore keyStore;
    private final Certificate certificate;

    private SelfSignedCertificate(KeyStore keyStore, Certificate certificate) {
        this.keyStore = keyStore;
        this.certificate = certificate;
    }

    /** A certificate for {@code CN=localhost} with the names {@code IP:127.0.0.1} and {@code DNS:localhost}. */
    public static synchronized SelfSignedCertificate localhost() {
        if (localhost == null) {
            localhost = generate("CN=localhost", "ip:127.0.0.1,dns:localhost");
        }
        return localhost;
    }

    /** Runs {@code keytool -genkeypair -keyalg EC} for {@code dname} with subject alternative names {@code san}. */
    public static SelfSignedCertificate generate(String dname, String san) {
        Path dir = null;
        Path file = null;
        try {
            dir = Files.createTempDirectory("jawait-tls");
            file = dir.resolve("server.p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process p = new ProcessBuilder(keytool, "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-alias", "server", "-dname", dname, "-validity", "2", "-ext", "san=" + san,
                    "-keystore", file.toString(), "-storetype", "PKCS12",
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                ks.load(in, PASSWORD);
            }
            return new SelfSignedCertificate(ks, ks.getCertificate("server"));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a self-signed certificate", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            deleteQuietly(file); // also when keytool failed: the key store must not outlive the call
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // the directory is not empty or the file is in use: nothing more a test fixture can do
        }
    }

    public Certificate certificate() {
        return certificate;
    }

    /** The server's context: presents this certificate. */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client's context trusting this certificate and nothing else. */
    public SSLContext clientContext() {
        return trusting(List.of(certificate));
    }

    /** A client's context trusting this certificate, offering at most {@code protocol} (e.g. "TLSv1.2"). */
    public SSLContext clientContext(String protocol) {
        return trusting(List.of(certificate), protocol);
    }

    /** A client's context trusting only {@code certificates}. */
    public static SSLContext trusting(List<Certificate> certificates) {
        return trusting(certificates, "TLS");
    }

    private static SSLContext trusting(List<Certificate> certificates, String protocol) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (Certificate c : certificates) {
                trust.setCertificateEntry("trusted" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance(protocol);
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client's context with the JDK's default trust store, which does not know this certificate. */
    public static SSLContext jdkDefaultTrust() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, null, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
