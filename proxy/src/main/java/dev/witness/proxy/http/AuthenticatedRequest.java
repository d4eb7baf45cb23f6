package dev.witness.proxy.http;

import dev.witness.proxy.auth.AuthenticatedAgent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpRequest;

/**
 * A request whose agent is known. {@code request} is a {@link FullHttpRequest} (which the receiver
 * must release) unless {@code oversized}, when it is only the head.
 */
record AuthenticatedRequest(AuthenticatedAgent agent, HttpRequest request, boolean oversized) {}
