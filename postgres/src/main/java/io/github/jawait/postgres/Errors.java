package io.github.jawait.postgres;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/** Vert.x's failures as this module's exceptions, so that callers catch typed errors. */
final class Errors {
    private Errors() {
    }

    static Throwable map(Throwable t) {
        if (t instanceof PgException e) {
            return new PostgresException(e.getSqlState(), e.getSeverity(), e.getErrorMessage(), e.getDetail(),
                    e.getHint(), e);
        }
        if (t instanceof ClosedConnectionException
                || (t instanceof java.io.IOException && !(t instanceof java.net.ConnectException))) {
            // a clean close, or the socket reset under a pending read ("Connection reset")
            return new ConnectionLostException("the connection to the server was lost: " + t.getMessage(), t);
        }
        String m = t.getMessage();
        if (t instanceof VertxException && m != null) {
            if (m.startsWith("Connection is not active now")) {
                return new ConnectionLostException("the connection to the server was lost: " + m, t);
            }
            if (m.startsWith("Parameter at position")) {
                // Vert.x refuses an argument it cannot encode as the parameter's type, before sending
                return new IllegalArgumentException(m, t);
            }
        }
        return t;
    }
}
