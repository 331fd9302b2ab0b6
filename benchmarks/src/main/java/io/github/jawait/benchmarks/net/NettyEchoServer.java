package io.github.jawait.benchmarks.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;

/**
 * The reference: Netty 4.2 with ONE event loop that both accepts and serves (NIO, or the native
 * epoll transport), and Netty's canonical echo handler (write on read, flush on read complete).
 */
final class NettyEchoServer {
    private NettyEchoServer() {
    }

    static void run(boolean epoll) throws InterruptedException {
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Channel server = new ServerBootstrap()
                .group(loop)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, EchoServer.BACKLOG)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new Echo())
                .bind("127.0.0.1", 0).sync().channel();
        ServerControl.start(((InetSocketAddress) server.localAddress()).getPort(), 0, 0);
        server.closeFuture().sync();
    }

    @Sharable
    static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ServerControl.CONNECTIONS.incrementAndGet();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            ServerControl.CONNECTIONS.decrementAndGet();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a client that resets
        }
    }
}
