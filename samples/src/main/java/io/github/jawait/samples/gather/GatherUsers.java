package io.github.jawait.samples.gather;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.gather;
import static io.github.jawait.Asyncio.gatherSettled;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.LoopClock;
import io.github.jawait.Outcome;
import java.util.List;
import java.util.Locale;

/**
 * "asyncio.gather (并发执行)": fetch three users concurrently; then gather with
 * {@code return_exceptions=True} ({@code Promise.allSettled}), which is {@code gatherSettled}:
 * a failure does not interrupt the others and comes back as an {@link Outcome}.
 */
public final class GatherUsers {

    private GatherUsers() {
    }

    /** The Python returns a dict {"id": ..., "name": ...}; a record prints as User[id=1, name=User1]. */
    public record User(int id, String name) {
    }

    /** async def fetch_user(user_id); the guide says "assume 999 raises", so here it does. */
    @Async
    static Coroutine<User> fetchUser(int userId) {
        await(sleep(1));
        if (userId == 999) {
            throw new IllegalArgumentException("User " + userId + " not found");
        }
        return result(new User(userId, "User" + userId));
    }

    @Async
    public static Coroutine<Void> main() {
        double start = getRunningLoop().time();
        // fetch several users concurrently
        List<User> users = await(gather(fetchUser(1), fetchUser(2), fetchUser(3)));
        System.out.println(users);
        // [{'id': 1, 'name': 'User1'}, ...]  (Java: [User[id=1, name=User1], ...])

        // handle failures: return_exceptions=True is gatherSettled (Promise.allSettled)
        List<Outcome<User>> results = await(gatherSettled(fetchUser(1), fetchUser(2), fetchUser(999)));
        for (Outcome<User> result : results) {
            if (result.failed()) { // isinstance(result, Exception)
                System.out.println("Error: " + result.failure().getMessage());
            } else {
                System.out.println("Success: " + result.value());
            }
        }
        // not in the Python: each gather took 1 s
        System.out.printf(Locale.ROOT, "Total: %.1fs%n", getRunningLoop().time() - start);
        return done();
    }

    public static void run(LoopClock clock) {
        Asyncio.run(main(), clock);
    }

    public static void main(String[] args) {
        run(LoopClock.system());
    }
}
