package io.github.jawait.samples.asyncfile;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.result;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.LoopClock;
import io.github.jawait.io.AsyncFile;
import io.github.jawait.io.AsyncFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * "异步文件操作" (aiofiles): write three files, then read them concurrently with gather.
 * {@code aiofiles.open} is {@link AsyncFiles#open}, and {@code async with} is
 * try-with-resources over the {@link AsyncFile} it gives.
 */
public final class AsyncFileIo {

    private AsyncFileIo() {
    }

    /** async def read_file(filename) */
    @Async
    static Coroutine<String> readFile(Path filename) throws IOException {
        try (AsyncFile f = await(AsyncFiles.open(filename))) {     // async with aiofiles.open(filename, encoding="utf-8") as f:
            String content = await(f.read());
            return result(content);
        }
    }

    /** async def write_file(filename, content) */
    @Async
    static Coroutine<Void> writeFile(Path filename, String content) throws IOException {
        try (AsyncFile f = await(AsyncFiles.open(filename, WRITE, CREATE, TRUNCATE_EXISTING))) { // aiofiles.open(filename, "w")
            await(f.write(content));
        }
        return done();
    }

    /**
     * main(), in a temporary directory (the Python reads file1.txt..file3.txt from the working
     * directory and assumes they exist; here write_file makes them first).
     */
    @Async
    public static Coroutine<Void> main(Path dir) throws IOException {
        Path file1 = dir.resolve("file1.txt"), file2 = dir.resolve("file2.txt"), file3 = dir.resolve("file3.txt");
        // not in the Python's main: write the three files, concurrently too
        await(gather(
                writeFile(file1, "contents of file1.txt"),
                writeFile(file2, "contents of file2.txt"),
                writeFile(file3, "contents of file3.txt")));

        // read several files concurrently
        List<String> contents = await(gather(readFile(file1), readFile(file2), readFile(file3)));
        System.out.println(contents);

        // not in the guide: the shortcuts, and the directory listed without blocking the loop
        await(AsyncFiles.writeString(dir.resolve("notes.txt"), "first line\nsecond line\n"));
        List<String> lines = await(AsyncFiles.lines(dir.resolve("notes.txt")).toList());
        List<String> names = await(AsyncFiles.list(dir).map(p -> p.getFileName().toString()).toList());
        System.out.println(lines + " in " + names.stream().sorted().toList());
        return done();
    }

    public static void run(LoopClock clock) throws IOException {
        Path dir = Files.createTempDirectory("jawait-aiofiles");
        try {
            Asyncio.run(main(dir), clock);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    public static void main(String[] args) throws IOException {
        run(LoopClock.system());
    }
}
