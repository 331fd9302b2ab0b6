package io.github.jawait;

/**
 * {@code Asyncio.shield(aw)}: the awaiter may be cancelled, but the inner work is not: it
 * keeps running as its own task, and its outcome is still there for whoever awaits it later.
 */
final class Shield<T> extends Completion<T> implements Completion.Listener {
    private final Task<T> inner;

    Shield(EventLoop loop, Awaitable<T> aw) {
        super(loop);
        inner = Asyncio.asTask(loop, aw);
        inner.listen(this);
    }

    @Override
    public void completed(Completion<?> t) {
        if (!isDone()) {
            t.markRetrieved();
            settle(t.state, t.value);
        }
    }

    @Override
    boolean cancelInward(Object message) {
        return false; // the point of a shield
    }

    @Override
    public String toString() {
        return "<shield " + inner + ">";
    }
}
