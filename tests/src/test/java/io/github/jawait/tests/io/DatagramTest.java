package io.github.jawait.tests.io;

import static io.github.jawait.Asyncio.await;
import static io.github.jawait.Asyncio.createTask;
import static io.github.jawait.Asyncio.done;
import static io.github.jawait.Asyncio.openDatagram;
import static io.github.jawait.Asyncio.result;
import static io.github.jawait.Asyncio.sleep;
import static io.github.jawait.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jawait.Async;
import io.github.jawait.AsyncTimeoutException;
import io.github.jawait.Asyncio;
import io.github.jawait.Coroutine;
import io.github.jawait.EventLoop;
import io.github.jawait.Task;
import io.github.jawait.VirtualClock;
import io.github.jawait.io.Datagram;
import io.github.jawait.io.DatagramEndpoint;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** UDP endpoints on 127.0.0.1 (CPython's test_asyncio/test_events datagram cases, as awaitables). */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DatagramTest {
    static final InetSocketAddress ANY_LOCAL_PORT = new InetSocketAddress("127.0.0.1", 0);

    final List<String> events = new ArrayList<>();

    @Async
    static Coroutine<Void> pongServer(DatagramEndpoint server, int rounds) {
        for (int i = 0; i < rounds; i++) {
            Datagram d = await(server.recv());
            await(server.send(("pong: " + d.text()).getBytes(), d.sender()));
        }
        return done();
    }

    @Async
    Coroutine<List<String>> pingPong() {
        List<String> out = new ArrayList<>();
        try (DatagramEndpoint server = await(openDatagram(ANY_LOCAL_PORT, null))) {
            Task<Void> serving = createTask(pongServer(server, 3));
            try (DatagramEndpoint client = await(openDatagram(null, server.localAddress()))) {
                for (int i = 1; i <= 3; i++) {
                    await(client.send("ping " + i));
                    Datagram reply = await(client.recv());
                    out.add(reply.text() + " from server: " + reply.sender().equals(server.localAddress()));
                }
                out.add("client sockname is loopback: "
                        + ((InetSocketAddress) client.getExtraInfo("sockname")).getAddress().isLoopbackAddress());
            }
            await(serving);
        }
        return result(out);
    }

    @Test
    void pingPongBetweenTwoEndpoints() {
        assertEquals(List.of("pong: ping 1 from server: true", "pong: ping 2 from server: true",
                "pong: ping 3 from server: true", "client sockname is loopback: true"), Asyncio.run(pingPong()));
    }

    @Async
    Coroutine<List<Integer>> manyInOrder(int total, int batch) {
        List<Integer> got = new ArrayList<>();
        try (DatagramEndpoint receiver = await(openDatagram(ANY_LOCAL_PORT, null));
                DatagramEndpoint sender = await(openDatagram(null, receiver.localAddress()))) {
            for (int sent = 0; sent < total; ) {
                // a batch at a time: UDP drops what overflows the receive buffer, so stay well under it
                for (int i = 0; i < batch; i++, sent++) {
                    await(sender.send(Integer.toString(sent)));
                }
                while (got.size() < sent) {
                    got.add(Integer.parseInt(await(receiver.recv()).text()));
                }
            }
        }
        return result(got);
    }

    @Test
    void manyDatagramsFromOneSenderArriveInOrder() {
        List<Integer> got = Asyncio.run(manyInOrder(1000, 50));
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            expected.add(i);
        }
        assertEquals(expected, got);
    }

    @Async
    Coroutine<List<String>> cancelledRecv() {
        List<String> out = new ArrayList<>();
        try (DatagramEndpoint receiver = await(openDatagram(ANY_LOCAL_PORT, null));
                DatagramEndpoint sender = await(openDatagram(null, receiver.localAddress()))) {
            double t0 = Asyncio.getRunningLoop().time();
            try {
                await(waitFor(receiver.recv(), Duration.ofSeconds(5)));
                out.add("received something");
            } catch (AsyncTimeoutException e) {
                out.add("timed out after " + Math.round(Asyncio.getRunningLoop().time() - t0) + " s");
            }
            // two waiting receivers; the first is cancelled while it waits: the datagram goes to the second
            Task<Datagram> first = createTask(receiver.recv());
            Task<Datagram> second = createTask(receiver.recv());
            await(sleep(0));
            first.cancel();
            await(sleep(0));
            await(sender.send("one"));
            await(sender.send("two"));
            out.add("second got " + await(second).text());
            out.add("first cancelled: " + first.cancelled());
            out.add("next recv got " + await(receiver.recv()).text());
        }
        return result(out);
    }

    @Async
    Coroutine<List<String>> cancelledRecvAwaitedAgain() {
        List<String> out = new ArrayList<>();
        try (DatagramEndpoint receiver = await(openDatagram(ANY_LOCAL_PORT, null))) {
            Coroutine<Datagram> recv = receiver.recv();
            Task<Datagram> waiting = createTask(recv);
            await(sleep(0));
            out.add(recv.toString());
            waiting.cancel();
            await(sleep(0));
            try {
                await(recv);
                out.add("awaited twice");
            } catch (IllegalStateException e) {
                out.add("IllegalStateException: " + e.getMessage());
            }
        }
        return result(out);
    }

    @Test
    void aRecvCancelledWhileWaitingSaysSoWhenAwaitedAgain() {
        assertEquals(List.of("<DatagramEndpoint.recv() waiting>",
                "IllegalStateException: <DatagramEndpoint.recv() cancelled>: its task was cancelled while it waited;"
                        + " a coroutine runs once, call the operation again"),
                Asyncio.run(cancelledRecvAwaitedAgain()));
    }

    @Test
    void aCancelledRecvTakesNoDatagram() {
        try (EventLoop loop = new EventLoop(new VirtualClock())) {
            assertEquals(List.of("timed out after 5 s", "second got one", "first cancelled: true", "next recv got two"),
                    loop.runUntilComplete(cancelledRecv()));
        }
    }

    @Async
    Coroutine<List<String>> closedEndpoint() {
        List<String> out = new ArrayList<>();
        DatagramEndpoint ep = await(openDatagram(ANY_LOCAL_PORT, null));
        InetSocketAddress self = ep.localAddress();
        Task<Datagram> waiting = createTask(ep.recv());
        await(sleep(0));
        closeNow(ep);
        out.add("closed: " + ep.isClosed());
        out.add("pending recv: " + await(failure(waiting)));
        try {
            await(ep.recv());
        } catch (Exception e) {
            out.add("recv after close: " + e.getClass().getName());
        }
        try {
            await(ep.send(new byte[] {1}, self));
        } catch (Exception e) {
            out.add("send after close: " + e.getClass().getName());
        }
        return result(out);
    }

    /** Closes without awaiting (a plain method: see StreamsTest.stopListening on the agent's close() lowering). */
    static void closeNow(DatagramEndpoint ep) {
        ep.close();
    }

    @Async
    static Coroutine<String> failure(Task<Datagram> t) {
        try {
            await(t);
            return result("no failure");
        } catch (Exception e) {
            return result(e.getClass().getName());
        }
    }

    @Test
    void aClosedEndpointFailsWaitingAndNewOperations() {
        assertEquals(List.of("closed: true", "pending recv: java.nio.channels.AsynchronousCloseException",
                "recv after close: java.nio.channels.ClosedChannelException",
                "send after close: java.nio.channels.ClosedChannelException"), Asyncio.run(closedEndpoint()));
    }

    @Async
    Coroutine<List<String>> badAddresses() {
        List<String> out = new ArrayList<>();
        try (DatagramEndpoint unconnected = await(openDatagram(ANY_LOCAL_PORT, null));
                DatagramEndpoint connected = await(openDatagram(null, unconnected.localAddress()))) {
            try {
                unconnected.send(new byte[] {1});
            } catch (IllegalArgumentException e) {
                out.add(e.getMessage());
            }
            try {
                connected.send(new byte[] {1}, new InetSocketAddress("127.0.0.1", 9));
            } catch (IllegalArgumentException e) {
                out.add(e.getMessage().replace(unconnected.localAddress().toString(), "REMOTE"));
            }
        }
        return result(out);
    }

    @Test
    void sendRefusesAMissingOrForeignAddress() {
        assertEquals(List.of("send(data) needs an address: this endpoint was opened without a remote address",
                "Invalid address: must be null or REMOTE"), Asyncio.run(badAddresses()));
    }

    @Async
    static Coroutine<DatagramEndpoint> openOne() {
        return result(await(openDatagram(ANY_LOCAL_PORT, null)));
    }

    @Test
    void closingTheLoopClosesItsEndpoints() {
        DatagramEndpoint[] ep = new DatagramEndpoint[1];
        try (EventLoop loop = new EventLoop()) {
            ep[0] = loop.runUntilComplete(openOne());
        }
        assertFalse(((DatagramChannel) ep[0].getExtraInfo("socket")).isOpen());
        assertTrue(ep[0].isClosed());
    }
}
