package io.github.jawait.postgres;

/**
 * The connection to the server broke (the backend was terminated, the network failed): the
 * operations pending on it fail with this, SQLSTATE {@code 08006} (connection_failure) as
 * pgjdbc reports it. A pool drops the connection and opens a new one on a later acquire.
 */
public final class ConnectionLostException extends PostgresException {
    public ConnectionLostException(String message, Throwable cause) {
        super("08006", "FATAL", message, null, null, cause);
    }
}
