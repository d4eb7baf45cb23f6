package dev.witness.proxy.http;

import dev.witness.proxy.auth.AgentAuthenticator;
import dev.witness.proxy.event.EventHeaderFactory;
import dev.witness.proxy.event.ExchangeContext;
import dev.witness.schemas.event.Authentication;
import dev.witness.schemas.event.AuthenticationOutcome;
import dev.witness.schemas.event.HttpRequest;
import dev.witness.schemas.event.HttpResponseHead;
import dev.witness.schemas.event.KubernetesRequest;
import dev.witness.schemas.event.McpRequest;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import java.nio.ByteBuffer;
import java.util.Map;

/** Builds the events of HTTP exchanges; pure apart from the injected clock and id generator. */
public final class HttpEventFactory {

  private static final Authentication SUCCEEDED = Authentication.newBuilder()
      .setOutcome(AuthenticationOutcome.SUCCEEDED).setMethod(AgentAuthenticator.BEARER_TOKEN).setReason(null).build();

  private final EventHeaderFactory headers;

  public HttpEventFactory(EventHeaderFactory headers) {
    this.headers = headers;
  }

  /** An authenticated request, published before anything is forwarded. */
  public RequestIntercepted request(ExchangeContext ex, long sequence, HttpRequestData req, HeaderRedactor redactor) {
    return request(ex, sequence, req, redactor, Protocol.HTTP);
  }

  /** Like {@link #request(ExchangeContext, long, HttpRequestData, HeaderRedactor)} for a route's dialect. */
  public RequestIntercepted request(ExchangeContext ex, long sequence, HttpRequestData req, HeaderRedactor redactor,
      Protocol protocol) {
    return intercepted(ex, sequence, SUCCEEDED, httpRequest(req, redactor, true), protocol);
  }

  /** An authenticated Kubernetes API call, published before anything is forwarded. */
  public RequestIntercepted kubernetesRequest(ExchangeContext ex, long sequence, KubernetesRequest call) {
    return RequestIntercepted.newBuilder()
        .setHeader(headers.header(ex, sequence, Protocol.KUBERNETES))
        .setRequestId(ex.requestId())
        .setReplyPartition(ex.replyPartition())
        .setAuthentication(SUCCEEDED)
        .setBody(call)
        .build();
  }

  /** An authenticated MCP JSON-RPC message, published before anything is forwarded. */
  public RequestIntercepted mcpRequest(ExchangeContext ex, long sequence, McpRequest mcp) {
    return RequestIntercepted.newBuilder()
        .setHeader(headers.header(ex, sequence, Protocol.MCP))
        .setRequestId(ex.requestId())
        .setReplyPartition(ex.replyPartition())
        .setAuthentication(SUCCEEDED)
        .setBody(mcp)
        .build();
  }

  /**
   * A request whose bearer token was missing or unknown. The body is not recorded: anyone can
   * send one, and the ledger is not their storage.
   */
  public RequestIntercepted authenticationFailed(
      ExchangeContext ex, long sequence, HttpRequestData req, HeaderRedactor redactor, String reason) {
    Authentication failed = Authentication.newBuilder()
        .setOutcome(AuthenticationOutcome.FAILED).setMethod(AgentAuthenticator.BEARER_TOKEN).setReason(reason).build();
    return intercepted(ex, sequence, failed, httpRequest(req, redactor, false), Protocol.HTTP);
  }

  /** The recorded status line and headers of an upstream response. */
  public HttpResponseHead responseHead(int status, Iterable<Map.Entry<String, String>> raw, HeaderRedactor redactor) {
    return HttpResponseHead.newBuilder().setStatus(status).setHeaders(redactor.record(raw)).build();
  }

  /** One raw chunk of an upstream response; {@code head} only on chunk 0, {@code error} if partial. */
  public ResponseChunk responseChunk(ExchangeContext ex, long sequence, int chunkIndex, boolean last,
      HttpResponseHead head, String contentType, byte[] payload, String error) {
    return responseChunk(ex, sequence, chunkIndex, last, head, contentType, payload, error, Protocol.HTTP);
  }

  /** Like the method above, recorded under {@code protocol} (the route's dialect). */
  public ResponseChunk responseChunk(ExchangeContext ex, long sequence, int chunkIndex, boolean last,
      HttpResponseHead head, String contentType, byte[] payload, String error, Protocol protocol) {
    return ResponseChunk.newBuilder()
        .setHeader(headers.header(ex, sequence, protocol))
        .setRequestId(ex.requestId())
        .setReplyPartition(ex.replyPartition())
        .setChunkIndex(chunkIndex)
        .setLast(last)
        .setHead(head)
        .setContentType(contentType)
        .setPayload(ByteBuffer.wrap(payload))
        .setEncryption(null)
        .setError(error)
        .build();
  }

  /** The upstream could not be reached or failed before responding: an empty, final chunk. */
  public ResponseChunk upstreamFailure(ExchangeContext ex, long sequence, String error) {
    return upstreamFailure(ex, sequence, error, Protocol.HTTP);
  }

  /** Like the method above, recorded under {@code protocol}. */
  public ResponseChunk upstreamFailure(ExchangeContext ex, long sequence, String error, Protocol protocol) {
    return responseChunk(ex, sequence, 0, true, null, null, new byte[0], error, protocol);
  }

  private RequestIntercepted intercepted(ExchangeContext ex, long sequence, Authentication auth, HttpRequest body,
      Protocol protocol) {
    return RequestIntercepted.newBuilder()
        .setHeader(headers.header(ex, sequence, protocol))
        .setRequestId(ex.requestId())
        .setReplyPartition(ex.replyPartition())
        .setAuthentication(auth)
        .setBody(body)
        .build();
  }

  private static HttpRequest httpRequest(HttpRequestData req, HeaderRedactor redactor, boolean withBody) {
    boolean hasBody = withBody && req.body() != null && req.body().length > 0;
    return HttpRequest.newBuilder()
        .setMethod(req.method())
        .setPath(req.path())
        .setQuery(req.query())
        .setHeaders(redactor.record(req.headers()))
        .setBody(hasBody ? ByteBuffer.wrap(req.body()) : null)
        .setBodySize(req.bodySize())
        .build();
  }
}
