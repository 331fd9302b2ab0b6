package io.github.jawait.tests.io;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.getRunningLoop;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.Asyncio;
import io.github.jawait.CancelledError;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Task;
import io.github.jawait.VirtualClock;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loop's add_reader/add_writer and sock_* operations on real loopback sockets (test_sock_lowlevel). */
class SocketOperationsTest {
    final List<String> events = new ArrayList<>();

    static ServerSocketChannel listener() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        server.configureBlocking(false);
        return server;
    }

    static SocketChannel client() throws IOException {
        SocketChannel c = SocketChannel.open();
        c.configureBlocking(false);
        return c;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Async
    Coroutine<String> echoOnce() throws IOException {
        EventLoop loop = getRunningLoop();
        try (ServerSocketChannel server = listener(); SocketChannel c = client()) {
            Task<SocketChannel> accepted = createTask(loop.sockAccept(server));
            await(loop.sockConnect(c, server.getLocalAddress()));
            SocketChannel s = await(accepted);
            try (s) {
                await(loop.sockSendAll(c, ByteBuffer.wrap(bytes("ping"))));
                byte[] got = await(loop.sockRecv(s, 100));
                await(loop.sockSendAll(s, ByteBuffer.wrap(got)));
                ByteBuffer back = ByteBuffer.allocate(16);
                int n = await(loop.sockRecvInto(c, back));
                c.shutdownOutput();
                byte[] eof = await(loop.sockRecv(s, 100));
                return result(new String(back.array(), 0, n, StandardCharsets.UTF_8) + " eof=" + eof.length);
            }
        }
    }

    @Test
    void connectAcceptSendRecvAndEndOfStream() throws Exception {
        assertEquals("ping eof=0", Asyncio.run(echoOnce()));
    }

    @Async
    Coroutine<Void> connectToClosedPort() throws IOException {
        int port;
        try (ServerSocketChannel s = listener()) {
            port = ((InetSocketAddress) s.getLocalAddress()).getPort();
        }
        try (SocketChannel c = client()) {
            await(getRunningLoop().sockConnect(c, new InetSocketAddress("127.0.0.1", port)));
        }
        return done();
    }

    @Test
    void connectToAClosedPortThrowsTheJdksConnectException() throws Exception {
        ConnectException e = assertThrows(ConnectException.class, () -> Asyncio.run(connectToClosedPort()));
        assertEquals("Connection refused", e.getMessage());
    }

    @Async
    Coroutine<String> cancelledRecvLosesNothing() throws IOException {
        EventLoop loop = getRunningLoop();
        try (ServerSocketChannel server = listener(); SocketChannel c = client()) {
            await(loop.sockConnect(c, server.getLocalAddress()));
            SocketChannel s = await(loop.sockAccept(server));
            try (s) {
                Task<byte[]> reading = createTask(loop.sockRecv(s, 100));
                await(sleep(0)); // the read starts and parks: nothing to read yet
                events.add("reader registered " + loop.hasReader(s));
                reading.cancel();
                try {
                    await(reading);
                } catch (CancelledError expected) {
                    events.add("cancelled");
                }
                events.add("reader registered " + loop.hasReader(s));
                await(loop.sockSendAll(c, ByteBuffer.wrap(bytes("after"))));
                return result(new String(await(loop.sockRecv(s, 100)), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void aCancelledRecvStopsWatchingAndTheNextRecvGetsTheData() throws Exception {
        assertEquals("after", Asyncio.run(cancelledRecvLosesNothing()));
        assertEquals(List.of("reader registered true", "cancelled", "reader registered false"), events);
    }

    @Async
    Coroutine<Integer> readerCallbacks() throws IOException {
        EventLoop loop = getRunningLoop();
        try (ServerSocketChannel server = listener(); SocketChannel c = client()) {
            await(loop.sockConnect(c, server.getLocalAddress()));
            SocketChannel s = await(loop.sockAccept(server));
            try (s) {
                ByteBuffer in = ByteBuffer.allocate(64);
                io.github.jawait.sync.Event got = new io.github.jawait.sync.Event();
                loop.addReader(s, () -> {
                    try {
                        if (s.read(in) > 0 && in.position() >= 6) {
                            got.set();
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                assertTrue(loop.hasReader(s));
                await(loop.sockSendAll(c, ByteBuffer.wrap(bytes("abc"))));
                await(sleep(0.01));
                await(loop.sockSendAll(c, ByteBuffer.wrap(bytes("def"))));
                await(got.waitFor());
                assertTrue(loop.removeReader(s));
                assertFalse(loop.removeReader(s));
                return result(in.position());
            }
        }
    }

    @Test
    void addReaderCallsBackOnEachArrivalUntilRemoved() throws Exception {
        assertEquals(6, Asyncio.run(readerCallbacks()));
    }

    @Async
    Coroutine<Long> bigTransfer() throws IOException {
        EventLoop loop = getRunningLoop();
        try (ServerSocketChannel server = listener(); SocketChannel c = client()) {
            await(loop.sockConnect(c, server.getLocalAddress()));
            SocketChannel s = await(loop.sockAccept(server));
            try (s) {
                byte[] payload = new byte[8 << 20]; // far above the socket buffers: sendAll must wait for writability
                for (int i = 0; i < payload.length; i++) {
                    payload[i] = (byte) (i * 31);
                }
                Task<Void> sending = createTask(loop.sockSendAll(c, ByteBuffer.wrap(payload)));
                long sum = 0;
                long total = 0;
                ByteBuffer buf = ByteBuffer.allocate(65536);
                while (total < payload.length) {
                    buf.clear();
                    int n = await(loop.sockRecvInto(s, buf));
                    for (int i = 0; i < n; i++) {
                        if (buf.get(i) != payload[(int) total + i]) {
                            throw new AssertionError("byte " + (total + i) + " differs");
                        }
                    }
                    total += n;
                }
                await(sending);
                return result(total);
            }
        }
    }

    @Test
    void sendAllWaitsForWritabilityAndDeliversEveryByteInOrder() throws Exception {
        assertEquals(8L << 20, Asyncio.run(bigTransfer()));
    }

    @Test
    void aBlockingChannelIsRefusedWithAClearMessage() throws IOException {
        try (EventLoop loop = new EventLoop(); SocketChannel blocking = SocketChannel.open()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loop.addReader(blocking, () -> { }));
            assertTrue(e.getMessage().endsWith("is in blocking mode; the loop watches non-blocking"
                    + " channels only: call configureBlocking(false) first"), e.getMessage());
        }
    }

    @Async
    Coroutine<String> twoReadersOnOneSocket() throws IOException {
        EventLoop loop = getRunningLoop();
        try (ServerSocketChannel server = listener(); SocketChannel c = client()) {
            await(loop.sockConnect(c, server.getLocalAddress()));
            SocketChannel s = await(loop.sockAccept(server));
            try (s) {
                Task<byte[]> first = createTask(loop.sockRecv(s, 10));
                await(sleep(0));
                try {
                    await(loop.sockRecv(s, 10));
                    return result("second read accepted");
                } catch (IllegalStateException e) {
                    first.cancel();
                    return result(e.getMessage().replace(s.toString(), "S"));
                }
            }
        }
    }

    @Test
    void aSecondConcurrentReadOfOneSocketIsRefused() throws Exception {
        assertEquals("another operation is already reading from S; await one operation per direction at a time",
                Asyncio.run(twoReadersOnOneSocket()));
    }

    @Test
    void closingTheLoopClosesItsChannels() throws IOException {
        ServerSocketChannel server = listener();
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            loop.addReader(server, () -> { });
        }
        assertFalse(server.isOpen());
    }

    @Test
    void ioCallsFromAnotherThreadAreRefused() throws Exception {
        try (EventLoop loop = new EventLoop(); ServerSocketChannel server = listener()) {
            Throwable[] seen = new Throwable[1];
            Thread t = new Thread(() -> {
                try {
                    loop.addReader(server, () -> { });
                } catch (Throwable e) {
                    seen[0] = e;
                }
            }, "intruder");
            t.start();
            t.join();
            assertTrue(seen[0] instanceof IllegalStateException);
            assertTrue(seen[0].getMessage().startsWith("EventLoop.addReader() called from thread 'intruder'"), seen[0].getMessage());
        }
    }

    @Async
    Coroutine<String> resolveName() throws IOException {
        EventLoop loop = getRunningLoop();
        try (ServerSocketChannel server = listener(); SocketChannel c = client()) {
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            String caller = Thread.currentThread().getName();
            await(loop.sockConnect(c, InetSocketAddress.createUnresolved("localhost", port)));
            SocketChannel s = await(loop.sockAccept(server));
            s.close();
            return result(caller.equals(Thread.currentThread().getName()) + " " + ((InetSocketAddress) c.getRemoteAddress()).getPort());
        }
    }

    @Test
    void anUnresolvedNameIsResolvedOffTheLoopAndConnected() throws IOException {
        String r = Asyncio.run(resolveName());
        assertTrue(r.startsWith("true "), r);
    }
}
