package io.github.jawait.tests.shapes;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.result;

import io.github.jawait.Async;
import io.github.jawait.Coroutine;
import io.github.jawait.tests.shapes.other.Api;

/**
 * Refused: a value of a package-private class of another package is on the stack across an
 * await and then passed where exactly that class is required. The rewritten code could only
 * restore it with a cast this class may not make, so the agent refuses the method instead of
 * producing code that fails verification.
 */
class MisuseUnnameableType {
    @Async
    Coroutine<String> needsTheExactClass() {
        return result(Api.describe(Api.make("x"), await(Aw.later("!")))); // MARK:unnameable
    }

    @Async
    Coroutine<String> fine() {
        Object h = Api.make("y"); // only used as an Object afterwards
        return result(h + await(Aw.later("?")));
    }
}
