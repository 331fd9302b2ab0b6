package io.github.jawait.tests.shapes;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.result;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Awaitable;
import io.github.jawait.Coroutine;
import java.util.List;
import java.util.function.Function;

/** Refused: a method reference to Asyncio::await cannot suspend. */
class MisuseAwaitMethodReference {
    @Async
    Coroutine<Integer> viaReference(List<Awaitable<Integer>> aws) {
        Function<Awaitable<Integer>, Integer> f = Asyncio::await; // MARK:await-reference
        int sum = 0;
        for (Awaitable<Integer> aw : aws) {
            sum += f.apply(aw);
        }
        return result(sum);
    }

    @Async
    Coroutine<Integer> fine() {
        return result(await(Aw.later(3)));
    }
}
