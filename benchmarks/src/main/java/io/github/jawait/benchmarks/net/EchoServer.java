package io.github.jawait.benchmarks.net;

/**
 * One echo server of the network benchmarks, in a process of its own on 127.0.0.1, port chosen
 * by the system: prints {@code PORT <n>} (jawait: {@code PORT <n> <stream port> <high water>})
 * and then obeys {@link ServerControl}'s commands on stdin.
 *
 * <pre>
 * java [-javaagent:agent/target/jawait-agent-0.1.0-SNAPSHOT.jar] -cp benchmarks/target/jawait-benchmarks.jar \
 *      io.github.jawait.benchmarks.net.EchoServer jawait|jawait-group|netty|netty-epoll|vt|nio
 * </pre>
 *
 * Every server echoes what it reads, with TCP_NODELAY and a listen backlog of 1024 (so that
 * 10,000 connects in a row are not slowed by SYN retries).
 */
public final class EchoServer {
    static final int BACKLOG = 1024;

    private EchoServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: EchoServer jawait|jawait-group|netty|netty-epoll|vt|nio");
            System.exit(2);
        }
        switch (args[0]) {
            case "jawait" -> JawaitEchoServer.run();
            case "jawait-group" -> JawaitEchoServer.runGroup(Integer.getInteger("echo.loops",
                    Runtime.getRuntime().availableProcessors()));
            case "netty" -> NettyEchoServer.run(false);
            case "netty-epoll" -> NettyEchoServer.run(true);
            case "vt" -> VirtualThreadEchoServer.run();
            case "nio" -> RawNioEchoServer.run();
            default -> {
                System.err.println("unknown server " + args[0]);
                System.exit(2);
            }
        }
    }
}
