package dev.witness.connectors.webhook;

import dev.witness.connectors.approvals.ApprovalFeed;
import dev.witness.connectors.approvals.RetryLaterException;
import dev.witness.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs every approval event to one URL as signed JSON ({@link WebhookPayload},
 * {@link WebhookSignature}). At least once, in order per approval: a 2xx answer counts as
 * delivered; no answer, 408, 429 or 5xx is retried with backoff; any other 4xx means the receiver
 * refuses the event for good, which is logged and skipped. Receivers deduplicate by
 * {@code X-Witness-Event-Id}.
 */
public final class WebhookApprovalNotifier implements ApprovalFeed.Listener, AutoCloseable {

  /** Consumer group of the webhook notifier. */
  public static final String GROUP_ID = "witness-webhook-notifier";

  private static final Logger log = LoggerFactory.getLogger(WebhookApprovalNotifier.class);

  private final URI url;
  private final WebhookSignature signature;
  private final Duration timeout;
  private final Clock clock;
  private final HttpClient http;
  private final ApprovalFeed feed;

  public WebhookApprovalNotifier(String bootstrap, SchemaRegistryClient registry, URI url, String secret,
      Duration timeout, Clock clock, Duration initialBackoff) {
    this.url = url;
    this.signature = new WebhookSignature(secret);
    this.timeout = timeout;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    this.feed = new ApprovalFeed(bootstrap, registry, GROUP_ID, this, initialBackoff);
  }

  /** Starts following {@code witness.approvals} on its own thread. */
  public void start() {
    feed.start();
  }

  @Override
  public void onEvent(String approvalId, SpecificRecord event) {
    Optional<WebhookPayload.Body> body = WebhookPayload.of(event);
    if (body.isEmpty()) {
      return;
    }
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("User-Agent", "Witness-Webhook/1")
        .header("X-Witness-Event-Id", body.get().eventId())
        .header("X-Witness-Timestamp", Long.toString(timestamp))
        .header("X-Witness-Signature", signature.sign(timestamp, body.get().json()))
        .POST(HttpRequest.BodyPublishers.ofString(body.get().json()))
        .build();
    HttpResponse<Void> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new RetryLaterException("webhook unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryLaterException("interrupted", e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      log.info("approval event delivered to webhook approvalId={} eventId={} status={}", approvalId, body.get().eventId(), status);
    } else if (status == 408 || status == 429 || status >= 500) {
      throw new RetryLaterException("webhook answered " + status, null);
    } else {
      log.error("webhook refused approval event, skipped approvalId={} eventId={} status={}",
          approvalId, body.get().eventId(), status);
    }
  }

  @Override
  public void close() {
    feed.close();
    http.close();
  }
}
