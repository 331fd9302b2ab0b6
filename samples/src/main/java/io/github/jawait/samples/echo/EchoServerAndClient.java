package io.github.jawait.samples.echo;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.openConnection;
import static io.github.jawait.Asyncio.startServer;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.LoopClock;
import io.github.jawait.io.Connection;
import io.github.jawait.io.Server;
import io.github.jawait.io.StreamReader;
import io.github.jawait.io.StreamWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The TCP echo server and client of asyncio's streams documentation ("TCP echo client using
 * streams", "TCP echo server using streams"), in one program: the server listens on
 * 127.0.0.1 at a free port (port 0), the client sends one message and reads it back, then the
 * server is closed. Lines are prefixed with who prints them; the peer's port is left out so
 * that the output is the same on every run.
 */
public final class EchoServerAndClient {

    private EchoServerAndClient() {
    }

    /** async def handle_echo(reader, writer): one task per connection. */
    @Async
    static Coroutine<Void> handleEcho(StreamReader reader, StreamWriter writer) {
        byte[] data = await(reader.read(100));
        String message = new String(data, StandardCharsets.UTF_8);
        InetSocketAddress addr = (InetSocketAddress) writer.getExtraInfo("peername");
        System.out.println("[server] Received " + repr(message) + " from " + addr.getAddress().getHostAddress());

        System.out.println("[server] Send: " + repr(message));
        writer.write(data);
        await(writer.drain());

        System.out.println("[server] Close the connection");
        writer.close();
        await(writer.waitClosed());
        return done();
    }

    /** async def tcp_echo_client(message). */
    @Async
    static Coroutine<Void> tcpEchoClient(int port, String message) {
        Connection conn = await(openConnection("127.0.0.1", port));
        StreamReader reader = conn.reader();
        StreamWriter writer = conn.writer();

        System.out.println("[client] Send: " + repr(message));
        writer.write(message);
        await(writer.drain());

        byte[] data = await(reader.read(100));
        System.out.println("[client] Received: " + repr(new String(data, StandardCharsets.UTF_8)));

        System.out.println("[client] Close the connection");
        writer.close();
        await(writer.waitClosed());
        return done();
    }

    @Async
    public static Coroutine<Void> main() {
        // async with server: closes the listener and waits for the handlers when the block ends
        try (Server server = await(startServer(EchoServerAndClient::handleEcho, "127.0.0.1", 0))) {
            System.out.println("[server] Serving on " + server.addresses().get(0).getAddress().getHostAddress());
            await(tcpEchoClient(server.port(), "Hello World!"));
            await(tcpEchoClient(server.port(), "Bonjour, 世界"));
        }
        System.out.println("[server] Closed");
        return done();
    }

    /** Python's repr of a short str: single quotes. */
    static String repr(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    public static void run(LoopClock clock) {
        Asyncio.run(main(), clock);
    }

    public static void main(String[] args) {
        run(LoopClock.system());
    }
}
