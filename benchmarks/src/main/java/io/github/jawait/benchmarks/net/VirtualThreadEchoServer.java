package io.github.jawait.benchmarks.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;

/**
 * Virtual threads with blocking sockets (run on JDK 21+; the harness uses JDK 25): one virtual
 * thread per connection, reading into a 16 KiB array and writing back what it read.
 */
final class VirtualThreadEchoServer {
    private VirtualThreadEchoServer() {
    }

    static void run() throws Exception {
        ServerSocket server = new ServerSocket(0, EchoServer.BACKLOG, InetAddress.getByName("127.0.0.1"));
        ServerControl.start(server.getLocalPort(), 0, 0);
        ExecutorService handlers = VirtualThreads.perTaskExecutor();
        while (true) {
            Socket s = server.accept();
            handlers.execute(() -> echo(s));
        }
    }

    private static void echo(Socket s) {
        ServerControl.CONNECTIONS.incrementAndGet();
        try (s) {
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[16 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // a client that resets
        } finally {
            ServerControl.CONNECTIONS.decrementAndGet();
        }
    }
}
