package dev.witness.proxy.http;

import io.netty.handler.codec.http.HttpRequest;

/**
 * A request whose body exceeded {@code maxRequestBodyBytes}: only its head is kept, the body was
 * dropped by the aggregator. It is still authenticated and recorded, then refused with 413.
 */
record OversizedRequest(HttpRequest head) {}
