package io.github.jawait.tests.io;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;

/**
 * A real HTTP peer on 127.0.0.1 that takes one request and never answers: it records the
 * request line when the request has arrived, then reads on until the client drops the
 * connection, and records that. Lets a test see from the server's side that cancelling an
 * awaited exchange really closes the connection. Bounded: it gives up after 30 s of silence.
 */
final class SilentServer implements AutoCloseable {
    final CompletableFuture<String> requestArrived = new CompletableFuture<>();
    final CompletableFuture<String> dropped = new CompletableFuture<>();
    private final ServerSocket server;

    SilentServer() throws IOException {
        server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serveOne, "silent-http-server");
        t.setDaemon(true);
        t.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    private void serveOne() {
        try (Socket s = server.accept()) {
            s.setSoTimeout(30_000);
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    dropped.complete("closed before the request was complete");
                    return;
                }
                head.append((char) b);
            }
            requestArrived.complete(head.substring(0, head.indexOf("\r\n")));
            byte[] sink = new byte[1024];
            while (in.read(sink) >= 0) {
                // a request body, if any: still waiting for the client to go
            }
            dropped.complete("closed by the client");
        } catch (SocketTimeoutException e) {
            dropped.completeExceptionally(new AssertionError("the client never dropped the connection"));
        } catch (IOException e) {
            dropped.complete("reset by the client"); // an RST instead of a FIN: dropped all the same
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        requestArrived.completeExceptionally(new AssertionError("server closed"));
    }
}
