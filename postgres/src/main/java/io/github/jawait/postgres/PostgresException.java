package io.github.jawait.postgres;

/**
 * An error the server reported, with its SQLSTATE (asyncpg's {@code PostgresError}):
 * {@code 23505} for a unique violation, {@code 42P01} for a missing table, {@code 57014} for a
 * cancelled statement. See the SQLSTATE table in PostgreSQL's documentation, appendix A.
 */
public class PostgresException extends RuntimeException {
    private final String sqlState;
    private final String severity;
    private final String detail;
    private final String hint;

    public PostgresException(String sqlState, String severity, String message, String detail, String hint,
            Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
        this.severity = severity;
        this.detail = detail;
        this.hint = hint;
    }

    /** The five-character SQLSTATE code. */
    public String sqlState() {
        return sqlState;
    }

    /** {@code ERROR}, {@code FATAL} or {@code PANIC}. */
    public String severity() {
        return severity;
    }

    /** The server's DETAIL line, or null. */
    public String detail() {
        return detail;
    }

    /** The server's HINT line, or null. */
    public String hint() {
        return hint;
    }

    @Override
    public String toString() {
        return getClass().getName() + ": " + getMessage() + " (SQLSTATE " + sqlState + ")";
    }
}
