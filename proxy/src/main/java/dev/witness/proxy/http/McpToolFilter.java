package dev.witness.proxy.http;

import dev.witness.proxy.event.ExchangeContext;
import dev.witness.proxy.http.mcp.JsonRpcMessage;
import dev.witness.proxy.http.mcp.McpRequests;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.RequestIntercepted;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the verdict topology which tools of a {@code tools/list} result to hide: the listed names go
 * out as a derived, recorded McpRequest ({@code listedTools}) of the same agent, purpose and session,
 * and its verdict's {@code hiddenTools} come back. The proxy decides nothing: it only removes them.
 */
final class McpToolFilter {

  static final String TOOLS_LIST = "tools/list";

  private static final Logger LOG = LoggerFactory.getLogger(McpToolFilter.class);

  private McpToolFilter() {}

  static CompletionStage<List<String>> hiddenTools(HttpProxyServices services, ExchangeContext listRequest,
      JsonRpcMessage rpc, String mcpSession, List<String> listed) {
    ExchangeContext derived = new ExchangeContext(services.newId(), listRequest.sessionId(), listRequest.agent(),
        listRequest.purpose(), listRequest.resource(), listRequest.replyPartition());
    RequestIntercepted event = services.events().mcpRequest(derived,
        services.sequences().next(derived.sessionId()), McpRequests.listed(rpc, mcpSession, listed));
    LOG.debug("mcp tools listed requestId={} listRequestId={} sessionId={} tools={}",
        derived.requestId(), listRequest.requestId(), derived.sessionId(), listed.size());
    return services.gate().admit(event).thenApply(verdict -> {
      if (verdict.getDecision() != Decision.ALLOW) {
        // Fail closed: a list the policy will not let through is not shown at all.
        throw new dev.witness.proxy.RequestDeniedException(verdict);
      }
      return verdict.getHiddenTools();
    });
  }
}
