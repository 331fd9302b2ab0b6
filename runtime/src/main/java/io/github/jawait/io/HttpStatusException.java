package io.github.jawait.io;

import java.net.URI;
import java.net.http.HttpResponse;

/**
 * A response whose status is not 2xx, where the caller asked for a body that only a success
 * has ({@code httpx.HTTPStatusError} from {@code raise_for_status()}). Unchecked, so it can be
 * caught around an {@code await}.
 */
public final class HttpStatusException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient HttpResponse<?> response;

    HttpStatusException(HttpResponse<?> response) {
        super("HTTP " + response.statusCode() + " from " + response.request().method() + " " + response.uri());
        this.response = response;
    }

    /** The status code. */
    public int statusCode() {
        return response.statusCode();
    }

    /** The URI that answered. */
    public URI uri() {
        return response.uri();
    }

    /** The whole response, body included. */
    public HttpResponse<?> response() {
        return response;
    }
}
