/**
 * asyncpg's API for jawait over Vert.x's PostgreSQL client: {@link io.github.jawait.postgres.Postgres#connect},
 * {@link io.github.jawait.postgres.Postgres#createPool}, {@code fetch}, {@code fetchRow},
 * {@code fetchVal}, {@code execute}, {@code executeMany}, transactions and cursors; see
 * {@code docs/postgres.md}.
 */
package io.github.jawait.postgres;
