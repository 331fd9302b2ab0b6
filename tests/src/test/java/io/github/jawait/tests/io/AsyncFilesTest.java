package io.github.jawait.tests.io;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.gatherSettled;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.Outcome;
import io.github.jawait.Task;
import io.github.jawait.io.AsyncFile;
import io.github.jawait.io.AsyncFiles;
import io.github.jawait.tests.TestLoop;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AsyncFiles and AsyncFile (aiofiles) on real files in a temporary directory. */
class AsyncFilesTest {
    @TempDir
    Path dir;

    /** One of each: 1, 2, 3 and 4 bytes in UTF-8 (the last is a surrogate pair in Java). */
    static final String MIXED = "aé€😀";

    @Async
    Coroutine<String> guideReadWrite(Path file) throws IOException {
        try (AsyncFile f = await(AsyncFiles.open(file, WRITE, CREATE, TRUNCATE_EXISTING))) { // aiofiles.open(filename, "w")
            await(f.write("contents of " + file.getFileName()));
        }
        Thread loopThread = Thread.currentThread();
        AsyncFile kept;
        String content;
        try (AsyncFile f = await(AsyncFiles.open(file))) {                               // aiofiles.open(filename)
            content = await(f.read());
            assertSame(loopThread, Thread.currentThread(), "resumes on the loop thread");
            kept = f;
        }
        assertTrue(kept.isClosed(), "try-with-resources closed it");
        return result(content);
    }

    @Test
    void theGuidesReadFileAndWriteFile() throws IOException {
        Path file = dir.resolve("file1.txt");
        assertEquals("contents of file1.txt", TestLoop.run(guideReadWrite(file)));
        assertEquals("contents of file1.txt", Files.readString(file));
    }

    @Async
    Coroutine<List<String>> readThree(Path a, Path b, Path c) throws IOException {
        await(gather(AsyncFiles.writeString(a, "one"), AsyncFiles.writeString(b, "two " + MIXED), AsyncFiles.writeString(c, "")));
        return result(await(gather(AsyncFiles.readString(a), AsyncFiles.readString(b), AsyncFiles.readString(c))));
    }

    @Test
    void shortcutsGatheredKeepArgumentOrder() throws IOException {
        Path a = dir.resolve("a"), b = dir.resolve("b"), c = dir.resolve("c");
        assertEquals(List.of("one", "two " + MIXED, ""), TestLoop.run(readThree(a, b, c)));
        assertArrayEquals(("two " + MIXED).getBytes(UTF_8), Files.readAllBytes(b));
    }

    @Async
    Coroutine<List<String>> readInEveryWay(Path file, int bufferSize) throws IOException {
        List<String> got = new ArrayList<>();
        try (AsyncFile f = await(AsyncFiles.open(file, UTF_8, bufferSize))) {
            got.add(await(f.read()));
        }
        try (AsyncFile f = await(AsyncFiles.open(file, UTF_8, bufferSize))) {
            StringBuilder lines = new StringBuilder();
            String line;
            while ((line = await(f.readLine())) != null) {
                lines.append('[').append(line).append(']');
            }
            got.add(lines.toString());
        }
        try (AsyncFile f = await(AsyncFiles.open(file, UTF_8, bufferSize))) {
            StringBuilder pieces = new StringBuilder();
            String piece;
            while (!(piece = await(f.read(3))).isEmpty()) {
                pieces.append(piece).append('|');
            }
            got.add(pieces.toString());
        }
        return result(got);
    }

    @Test
    void multiByteCharactersSplitAcrossReadsAreReassembled() throws IOException {
        Path file = dir.resolve("mixed.txt");
        String text = MIXED + "\n" + MIXED + MIXED + "\r\nz\rend" + MIXED;
        Files.writeString(file, text);
        StringBuilder pieces = new StringBuilder();
        for (int i = 0; i < text.length(); i += 3) {
            pieces.append(text, i, Math.min(text.length(), i + 3)).append('|');
        }
        // every buffer size from 1 byte puts the split at every offset inside each character
        for (int size = 1; size <= 9; size++) {
            assertEquals(List.of(text, "[" + MIXED + "][" + MIXED + MIXED + "][z][end" + MIXED + "]", pieces.toString()),
                    TestLoop.run(readInEveryWay(file, size)), "buffer of " + size + " bytes");
        }
    }

    @Test
    void aLongFileReadsBackTheSame() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            sb.append(i).append(MIXED).append(i % 7 == 0 ? "\n" : "");
        }
        Path file = dir.resolve("long.txt");
        Files.writeString(file, sb);
        assertEquals(sb.toString(), TestLoop.run(AsyncFiles.readString(file)));
        assertArrayEquals(Files.readAllBytes(file), TestLoop.run(AsyncFiles.readAllBytes(file)));
    }

    @Async
    Coroutine<String> failure(Coroutine<?> c) {
        try {
            await(c);
            return result("no exception");
        } catch (Exception e) {
            return result(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    @Test
    void malformedInputFailsInsteadOfBeingReplaced() throws IOException {
        Path bad = dir.resolve("bad.txt");
        Files.write(bad, new byte[] {'o', 'k', (byte) 0xC3, (byte) 0x28});   // 0xC3 starts a pair, 0x28 cannot end it
        assertEquals("MalformedInputException: Input length = 1", TestLoop.run(failure(AsyncFiles.readString(bad))));
        Path cut = dir.resolve("cut.txt");
        Files.write(cut, new byte[] {'o', 'k', (byte) 0xE2, (byte) 0x82});  // "€" without its last byte
        assertEquals("MalformedInputException: Input length = 2", TestLoop.run(failure(AsyncFiles.readString(cut))));
        Path out = dir.resolve("ascii.txt");
        assertEquals("UnmappableCharacterException: Input length = 1",
                TestLoop.run(failure(AsyncFiles.writeString(out, "é", StandardCharsets.US_ASCII))));
    }

    @Async
    Coroutine<String> writesAndPositions(Path file) throws IOException {
        List<String> seen = new ArrayList<>();
        try (AsyncFile f = await(AsyncFiles.open(file, UTF_8, 4, READ, WRITE, CREATE))) {
            await(f.write("\uD83D"));              // half of 😀: the encoder keeps it for the next write
            await(f.write("\uDE00 héllo\nworld"));
            seen.add("written " + f.position());
            await(f.flush());
            seen.add("flushed " + Files.size(file));
            await(f.seek(0));
            seen.add(await(f.readLine()) + " @" + f.position());
            seen.add(await(f.read(2)) + " @" + f.position());
            seen.add(new String(await(f.readBytes(3)), UTF_8) + " @" + f.position()); // bytes after text
            await(f.write("!"));                                              // a write after reads goes at position()
            await(f.seek(0));
            seen.add(await(f.read()).replace("\n", "/"));
        }
        return result(String.join(", ", seen));
    }

    @Test
    void textBytesWritesAndSeeksShareOnePosition() throws IOException {
        Path file = dir.resolve("rw.txt");
        assertEquals("written 17, flushed 17, 😀 héllo @12, wo @14, rld @17, 😀 héllo/world!",
                TestLoop.run(writesAndPositions(file)));
    }

    @Async
    Coroutine<String> writeBuffering(Path file) throws IOException {
        List<String> seen = new ArrayList<>();
        try (AsyncFile f = await(AsyncFiles.open(file, UTF_8, 8, WRITE, CREATE))) {
            await(f.write("1234"));
            seen.add("buffered " + Files.size(file));
            await(f.write("56789"));                       // past the buffer size: written out
            seen.add("full " + Files.size(file));
            await(f.write("ab"));
            seen.add("buffered " + Files.size(file));
        }
        seen.add("closed " + Files.readString(file));
        await(AsyncFiles.writeString(file, "+tail", APPEND));
        seen.add("appended " + Files.readString(file));
        return result(String.join(", ", seen));
    }

    @Test
    void writesAreBufferedUntilFullFlushedOrClosed() throws IOException {
        assertEquals("buffered 0, full 9, buffered 9, closed 123456789ab, appended 123456789ab+tail",
                TestLoop.run(writeBuffering(dir.resolve("buffered.txt"))));
    }

    @Async
    Coroutine<String> cancelAPendingRead(Path big, Path other) throws IOException {
        try (AsyncFile f = await(AsyncFiles.open(big, UTF_8, 1 << 20));
                AsyncFile g = await(AsyncFiles.open(other))) {
            Task<String> reading = createTask(f.read());
            Task<String> otherRead = createTask(g.readLine());
            await(sleep(0));                 // both tasks have started their first channel read
            assertFalse(reading.done());
            reading.cancel();
            Outcome<String> outcome = await(gatherSettled(reading)).get(0);
            String otherLine = await(otherRead);
            // the cancelled read consumed nothing: the file reads from where it stood
            String first = await(f.readLine());
            byte[] rest = await(f.readBytes(5));
            return result(outcome.cancelled() + " " + f.isClosed() + " " + first + " "
                    + new String(rest, UTF_8) + " " + f.position() + " " + otherLine);
        }
    }

    @Test
    void cancellingAPendingReadLosesNothingAndClosesNothing() throws IOException {
        Path big = dir.resolve("big.txt");
        StringBuilder sb = new StringBuilder("first line\n");
        // 16 reads of 1 MiB: each takes the channel's thread long enough that the loop sees it
        // pending; the read task would have to win all 16 races to finish within one step
        while (sb.length() < (16 << 20)) {
            sb.append("more text ").append(MIXED).append('\n');
        }
        Files.writeString(big, sb);
        Path other = dir.resolve("other.txt");
        Files.writeString(other, "other file\n");
        assertEquals("true false first line more  16 other file", TestLoop.run(cancelAPendingRead(big, other)));
    }

    @Async
    Coroutine<String> twoTasksOnOneFile(Path file) throws IOException {
        try (AsyncFile f = await(AsyncFiles.open(file))) {
            // sync() always suspends (its fsync runs on the executor), so b starts while a is inside;
            // a read may not: a small read can complete before the loop even looks
            Task<Void> a = createTask(f.sync());
            Task<String> b = createTask(f.readLine());
            List<Outcome<Object>> both = await(gatherSettled(a, b));
            String after = await(f.readLine());
            return result(both.get(0).succeeded() + " " + after + " | " + both.get(1).failure().getMessage());
        }
    }

    @Test
    void oneOperationAtATime() throws IOException {
        Path file = dir.resolve("shared.txt");
        Files.writeString(file, "abc");
        assertEquals("true abc | readLine() on <AsyncFile " + file + "> while another operation on it is in progress;"
                + " await one operation at a time", TestLoop.run(twoTasksOnOneFile(file)));
    }

    @Async
    Coroutine<List<String>> misuse(Path file) throws IOException {
        List<String> seen = new ArrayList<>();
        AsyncFile f = await(AsyncFiles.open(file));
        seen.add(await(failure(f.write("x"))));
        await(f.closeAsync());
        await(f.closeAsync()); // twice: nothing happens
        seen.add(await(failure(f.read())));
        seen.add(await(failure(AsyncFiles.readString(dir.resolve("missing.txt")))));
        return result(seen);
    }

    @Test
    void misuseGetsClearErrors() throws IOException {
        Path file = dir.resolve("ro.txt");
        Files.writeString(file, "read only");
        assertEquals(List.of(
                "IllegalStateException: write(text) on <AsyncFile " + file + ">: not opened for writing (open with WRITE or APPEND)",
                "IllegalStateException: read() on <AsyncFile " + file + " closed>: the file is closed",
                "NoSuchFileException: " + dir.resolve("missing.txt")), TestLoop.run(misuse(file)));
        assertThrows(NullPointerException.class, () -> AsyncFiles.open(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AsyncFiles.open(file, UTF_8, 0));
        assertEquals("bufferSize 0: must be at least 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AsyncFiles.open(file, APPEND, READ));
        assertEquals("APPEND cannot be combined with READ or TRUNCATE_EXISTING", e.getMessage());
    }

    @Async
    Coroutine<String> directoryOperations(Path sub) throws IOException {
        Set<String> names = new HashSet<>();
        try (var entries = AsyncFiles.list(sub)) {
            while (await(entries.hasNext())) {
                names.add(entries.next().getFileName().toString());
            }
        }
        Path copy = await(AsyncFiles.copy(sub.resolve("f0"), sub.resolve("copy")));
        String copied = await(AsyncFiles.readString(copy));
        long size = await(AsyncFiles.size(copy));
        await(AsyncFiles.delete(copy));
        boolean existsAfter = await(AsyncFiles.exists(copy));
        boolean deletedAgain = await(AsyncFiles.deleteIfExists(copy));
        List<String> firstTwo = await(AsyncFiles.lines(sub.resolve("f1")).take(2).toList());
        return result(names.size() + " " + names.contains("f599") + " " + copied + " " + size + " "
                + existsAfter + " " + deletedAgain + " " + firstTwo);
    }

    @Test
    void listCopyDeleteAndLines() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("many"));
        for (int i = 0; i < 600; i++) {   // more than one batch of entries
            Files.writeString(sub.resolve("f" + i), "file " + i + "\nline 2\nline 3\n");
        }
        assertEquals("600 true file 0\nline 2\nline 3\n 21 false false [file 1, line 2]",
                TestLoop.run(directoryOperations(sub)));
        assertFalse(Files.exists(sub.resolve("copy")));
    }

    @Test
    void aMissingFileFailsWithTheJdksException() {
        Path missing = dir.resolve("nope");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> TestLoop.run(AsyncFiles.readAllBytes(missing)));
        assertEquals(missing.toString(), e.getFile());
        assertNull(e.getCause());
        assertInstanceOf(IOException.class, e);
    }
}
