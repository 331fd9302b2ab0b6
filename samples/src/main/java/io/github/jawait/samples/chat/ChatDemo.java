package io.github.jawait.samples.chat;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.openConnection;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.startServer;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.LoopClock;
import io.github.jawait.Task;
import io.github.jawait.io.Connection;
import io.github.jawait.io.Server;

/**
 * Three chat clients on loopback talk through a {@link ChatServer}; then carol stops reading
 * while alice sends {@value #FLOOD_LINES} lines. bob still gets every line, in order, and the
 * server drops carol once her queue is full. Each client's lines are printed as
 * {@code "name <- line"} at points where the order is fixed, so the output never varies.
 */
public final class ChatDemo {
    /** About 1 MB: several times what a stalled client's queue and socket buffers hold. */
    static final int FLOOD_LINES = 10_000;
    private static final String PADDING = "x".repeat(90);

    private ChatDemo() {
    }

    /** Connects, says its name and prints the welcome. */
    @Async
    static Coroutine<Connection> join(int port, String name) {
        Connection c = await(openConnection("127.0.0.1", port));
        c.writer().write(name + "\n");
        await(heard(name, c));
        return result(c);
    }

    /** Reads one line of {@code who}'s connection and prints it. */
    @Async
    static Coroutine<Void> heard(String who, Connection c) {
        System.out.println(who + " <- " + await(c.reader().readLine()));
        return done();
    }

    @Async
    static Coroutine<Void> say(String who, Connection c, String line) {
        System.out.println(who + " says: " + line);
        c.writer().write(line + "\n");
        await(c.writer().drain());
        return done();
    }

    /** bob during the flood: reads until he has every line of alice and the news about carol. */
    @Async
    static Coroutine<String> readFlood(Connection bob) {
        int next = 0;
        String news = null;
        while (next < FLOOD_LINES || news == null) {
            String line = await(bob.reader().readLine());
            if (line == null) {
                return result("bob <- the connection ended after " + next + " lines");
            }
            if (line.startsWith("alice: line ")) {
                if (!line.equals(floodLine(next, "alice: "))) {
                    return result("bob <- out of order at line " + next + ": " + line);
                }
                next++;
            } else {
                news = line;
            }
        }
        return result("bob <- all " + next + " lines from alice, in order, and: " + news);
    }

    static String floodLine(int i, String prefix) {
        return prefix + "line " + String.format("%05d", i) + " " + PADDING;
    }

    /** carol reads at last: what reached her socket before the server dropped her, then the end. */
    @Async
    static Coroutine<String> readUntilClosed(Connection carol) {
        int lines = 0;
        try {
            while (await(carol.reader().readLine()) != null) {
                lines++;
            }
        } catch (Exception reset) {
            // an aborted connection may also end with a reset
        }
        // how many lines fit in the socket buffers varies; that it is not all of them does not
        return result("carol <- " + (lines < FLOOD_LINES ? "part of the flood" : "all " + lines + " lines")
                + ", then the end of her connection");
    }

    @Async
    public static Coroutine<Void> main() {
        ChatServer chat = new ChatServer();
        try (Server server = await(startServer(chat::serve, "127.0.0.1", 0))) {
            int port = server.port();
            Connection alice = await(join(port, "alice"));
            Connection bob = await(join(port, "bob"));
            await(heard("alice", alice));
            Connection carol = await(join(port, "carol"));
            await(heard("alice", alice));
            await(heard("bob", bob));

            await(say("alice", alice, "hi all"));
            await(heard("bob", bob));
            await(heard("carol", carol));
            await(say("bob", bob, "hello alice"));
            await(heard("alice", alice));
            await(heard("carol", carol));

            System.out.println("carol stops reading; alice sends " + FLOOD_LINES + " lines");
            Task<String> bobReads = createTask(readFlood(bob), "bob");
            for (int i = 0; i < FLOOD_LINES; i++) {
                alice.writer().write(floodLine(i, "") + "\n");
                await(alice.writer().drain());
            }
            System.out.println(await(bobReads));
            await(heard("alice", alice));
            System.out.println(await(readUntilClosed(carol)));
            await(carol.closeAsync());

            System.out.println("bob leaves");
            await(bob.closeAsync());
            await(heard("alice", alice));
            System.out.println("alice leaves");
            await(alice.closeAsync());
        } // the server closes and waits for its handlers
        for (String entry : chat.log()) {
            System.out.println("server: " + entry);
        }
        System.out.println("server: " + chat.members() + " members left");
        return done();
    }

    public static void run(LoopClock clock) {
        Asyncio.run(main(), clock);
    }

    public static void main(String[] args) {
        run(LoopClock.system());
    }
}
