package io.github.jawait.io;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * One received UDP datagram: its bytes and who sent it (asyncio's
 * {@code datagram_received(data, addr)} arguments).
 */
public record Datagram(byte[] data, SocketAddress sender) {

    /** The bytes as UTF-8 text. */
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "<Datagram " + data.length + " bytes from " + sender + ">";
    }
}
