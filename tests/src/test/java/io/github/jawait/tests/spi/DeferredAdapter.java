package io.github.jawait.tests.spi;

import io.github.jawait.Awaitable;
import io.github.jawait.ExternalFuture;
import io.github.jawait.spi.AwaitableAdapter;

/** The adapter a library would ship for {@link Deferred}; registered in META-INF/services. */
public final class DeferredAdapter implements AwaitableAdapter {
    static int supportsCalls;

    @Override
    public boolean supports(Class<?> type) {
        supportsCalls++;
        return type == Deferred.class || type == Misbehaving.class;
    }

    @Override
    public Awaitable<?> adapt(Object future) {
        if (future instanceof Misbehaving) {
            return null;
        }
        Deferred<?> d = (Deferred<?>) future;
        ExternalFuture<Object> f = ExternalFuture.create();
        f.onCancel(d::cancel);
        d.whenDone((v, e) -> {
            if (e == null) {
                f.complete(v);
            } else {
                f.fail(e);
            }
        });
        return f;
    }

    /** An object the adapter claims and then fails to adapt. */
    public static final class Misbehaving {
    }
}
