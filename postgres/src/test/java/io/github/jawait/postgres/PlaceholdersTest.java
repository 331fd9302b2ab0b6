package io.github.jawait.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Counting $n outside literals, and which command tags carry a row count. */
class PlaceholdersTest {

    @Test
    void theHighestParameterNumberCounts() {
        assertEquals(0, Placeholders.scan("SELECT 1"));
        assertEquals(2, Placeholders.scan("SELECT $1, $2"));
        assertEquals(3, Placeholders.scan("SELECT $3, $1")); // $2 unused still takes a slot
        assertEquals(1, Placeholders.scan("SELECT $1::int + $1"));
        assertEquals(12, Placeholders.scan("VALUES ($12)"));
    }

    @Test
    void literalsIdentifiersCommentsAndDollarQuotesAreSkipped() {
        assertEquals(1, Placeholders.scan("SELECT '$2', 'it''s $3', $1"));
        assertEquals(1, Placeholders.scan("SELECT \"col$2\", $1 FROM t"));
        assertEquals(1, Placeholders.scan("SELECT $1 -- and $2\n"));
        assertEquals(1, Placeholders.scan("SELECT /* $2 /* nested $3 */ still $4 */ $1"));
        assertEquals(1, Placeholders.scan("SELECT $$ $2 $$, $tag$ $3 $tag$, $1"));
        assertEquals(0, Placeholders.scan("SELECT a$1 FROM t")); // part of an identifier
    }

    @Test
    void onlyCountingCommandsReportARowCount() {
        assertTrue(Placeholders.countsRows("INSERT INTO t VALUES (1)"));
        assertTrue(Placeholders.countsRows("  update t SET x = 1"));
        assertTrue(Placeholders.countsRows("-- a comment\nDELETE FROM t"));
        assertTrue(Placeholders.countsRows("(SELECT 1)"));
        assertTrue(Placeholders.countsRows("CREATE TABLE t (x int); INSERT INTO t VALUES (1);"));
        assertFalse(Placeholders.countsRows("CREATE TABLE t (x int)"));
        assertFalse(Placeholders.countsRows("INSERT INTO t VALUES (1); SET x = ';'"));
        assertFalse(Placeholders.countsRows("BEGIN"));
    }
}
