package io.github.jawait.io;

import java.io.IOException;

/**
 * One {@link DatagramEndpoint#recv()} or {@code send(...)}: tries at once if no earlier
 * operation of its kind waits; otherwise it queues behind them (first come, first served) and
 * the endpoint retries it when the socket is ready (see {@link IoOperation}). A task cancelled
 * while queued leaves the queue having taken nothing, so no datagram is lost.
 */
abstract class DatagramOperation<T> extends IoOperation<T> {
    final DatagramEndpoint endpoint;
    final boolean receives;

    DatagramOperation(DatagramEndpoint endpoint, boolean receives) {
        this.endpoint = endpoint;
        this.receives = receives;
    }

    @Override
    void checkOpen() throws IOException {
        endpoint.checkOpen();
    }

    @Override
    boolean begin() throws IOException {
        return !endpoint.hasQueue(receives) && attempt();
    }

    @Override
    void startWaiting() {
        endpoint.enqueue(this);
    }

    @Override
    void stopWaiting() {
        endpoint.dequeue(this);
    }
}
