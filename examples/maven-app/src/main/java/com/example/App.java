package com.example;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.taskGroup;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.Task;
import java.util.List;

/** Fetches three pages at once, then two more in a task group; rewritten at build time. */
public class App {

    @Async
    static Coroutine<String> fetch(int id, double seconds) {
        await(sleep(seconds));                // suspends this coroutine, not the thread
        return result("page " + id);
    }

    @Async
    static Coroutine<List<String>> fetchAll() {
        List<String> pages = new java.util.ArrayList<>(await(gather(fetch(1, 0.2), fetch(2, 0.1), fetch(3, 0.3))));
        Task<?>[] more = new Task<?>[2];
        await(taskGroup(tg -> {
            more[0] = tg.createTask(fetch(4, 0.1), "fetch-4");
            more[1] = tg.createTask(fetch(5, 0.1), "fetch-5");
            return done();
        }));
        for (Task<?> t : more) {
            pages.add((String) t.result());
        }
        return result(pages);
    }

    public static void main(String[] args) {
        System.out.println(Asyncio.run(fetchAll()));
    }
}
