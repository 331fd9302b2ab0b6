package io.github.jawait.postgres;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One result row (asyncpg's {@code Record}): values by column name or by 0-based index, with
 * typed getters. Immutable; safe to keep after the query's connection is released.
 *
 * <pre>{@code
 * Row r = await(conn.fetchRow("SELECT id, name FROM users WHERE id = $1", 1));
 * int id = r.getInteger("id");
 * String name = r.getString(1);
 * }</pre>
 */
public final class Row {
    private final io.vertx.sqlclient.Row row;

    Row(io.vertx.sqlclient.Row row) {
        this.row = row;
    }

    /** The number of columns. */
    public int size() {
        return row.size();
    }

    /** The name of column {@code index}. */
    public String columnName(int index) {
        checkIndex(index);
        return row.getColumnName(index);
    }

    /** The column names in order. */
    public List<String> columns() {
        List<String> names = new ArrayList<>(row.size());
        for (int i = 0; i < row.size(); i++) {
            names.add(row.getColumnName(i));
        }
        return Collections.unmodifiableList(names);
    }

    /** The value of column {@code index} (0-based) as the driver decoded it; null for SQL NULL. */
    public Object get(int index) {
        checkIndex(index);
        return row.getValue(index);
    }

    /** The value of column {@code name}; throws {@link IllegalArgumentException} if there is none. */
    public Object get(String name) {
        return row.getValue(indexOf(name));
    }

    /** The value of column {@code name} as {@code type} (e.g. {@code Long.class}, {@code String.class}). */
    public <T> T get(String name, Class<T> type) {
        return row.get(type, indexOf(name));
    }

    public String getString(String name) {
        return row.getString(indexOf(name));
    }

    public String getString(int index) {
        checkIndex(index);
        return row.getString(index);
    }

    public Integer getInteger(String name) {
        return row.getInteger(indexOf(name));
    }

    public Integer getInteger(int index) {
        checkIndex(index);
        return row.getInteger(index);
    }

    public Long getLong(String name) {
        return row.getLong(indexOf(name));
    }

    public Long getLong(int index) {
        checkIndex(index);
        return row.getLong(index);
    }

    public Double getDouble(String name) {
        return row.getDouble(indexOf(name));
    }

    public Boolean getBoolean(String name) {
        return row.getBoolean(indexOf(name));
    }

    public BigDecimal getBigDecimal(String name) {
        return row.getBigDecimal(indexOf(name));
    }

    public LocalDate getLocalDate(String name) {
        return row.getLocalDate(indexOf(name));
    }

    public LocalDateTime getLocalDateTime(String name) {
        return row.getLocalDateTime(indexOf(name));
    }

    public OffsetDateTime getOffsetDateTime(String name) {
        return row.getOffsetDateTime(indexOf(name));
    }

    public UUID getUUID(String name) {
        return row.getUUID(indexOf(name));
    }

    /** Column name to value, in column order (asyncpg's {@code dict(record)}). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < row.size(); i++) {
            m.put(row.getColumnName(i), row.getValue(i));
        }
        return m;
    }

    /** The Vert.x row underneath, for types this class has no getter for. */
    public io.vertx.sqlclient.Row unwrap() {
        return row;
    }

    /** asyncpg's repr: {@code <Record id=1 name='Alice'>}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<Record");
        for (int i = 0; i < row.size(); i++) {
            Object v = row.getValue(i);
            sb.append(' ').append(row.getColumnName(i)).append('=');
            if (v instanceof String s) {
                sb.append('\'').append(s).append('\'');
            } else {
                sb.append(v == null ? "None" : v);
            }
        }
        return sb.append('>').toString();
    }

    private int indexOf(String name) {
        int i = row.getColumnIndex(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column '" + name + "' in this row; its columns are " + columns());
        }
        return i;
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= row.size()) {
            throw new IndexOutOfBoundsException("column " + index + " of a row of " + row.size() + " columns");
        }
    }
}
