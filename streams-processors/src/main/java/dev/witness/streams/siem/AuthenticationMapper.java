package dev.witness.streams.siem;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.witness.schemas.event.AuthenticationOutcome;
import dev.witness.schemas.event.RequestIntercepted;
import java.time.Instant;

/**
 * An agent's logon to Witness as an OCSF Authentication (3002), activity Logon (1): a failure for a
 * request whose authentication failed (the proxy refused it), a success for the first request of a
 * session. The reason of a failure never holds the credential.
 */
public final class AuthenticationMapper {

  private AuthenticationMapper() {}

  public static OcsfEvent map(RequestIntercepted request, Instant processed) {
    var auth = request.getAuthentication();
    boolean failed = auth.getOutcome() == AuthenticationOutcome.FAILED;
    OcsfEvent event = OcsfEvent.of(OcsfClass.AUTHENTICATION, 1, "Logon",
            request.getHeader(), request.getHeader().getEventId(), processed)
        .correlation(request.getRequestId())
        .sourceOfAgent(request.getHeader())
        .destination(request.getHeader())
        .severity(failed ? 3 : 1)
        .status(failed ? 2 : 1, failed ? "Failure" : "Success", failed ? auth.getReason() : null);
    ObjectNode json = event.json();
    json.set("user", OcsfEvent.agentUser(request.getHeader().getAgent().getId(), request.getHeader().getAgent().getIssuer()));
    json.put("auth_protocol_id", authProtocolId(auth.getMethod()));
    json.put("auth_protocol", authProtocol(auth.getMethod()));
    json.put("is_remote", true);
    json.put("logon_type_id", 3);
    json.put("logon_type", "Network");
    json.putObject("service").put("name", request.getHeader().getResource());
    json.putObject("session").put("uid", request.getHeader().getSessionId());
    event.unmapped().put("auth_method", auth.getMethod());
    event.message("agent " + request.getHeader().getAgent().getId() + " logon to " + request.getHeader().getResource()
        + (failed ? " failed" : " succeeded") + " (" + auth.getMethod() + ")");
    return event;
  }

  /** OIDC tokens are OpenID (4); Witness bearer tokens and SCRAM have no OCSF protocol: Other (99). */
  static int authProtocolId(String method) {
    return method != null && method.toLowerCase(java.util.Locale.ROOT).contains("oidc") ? 4 : 99;
  }

  private static String authProtocol(String method) {
    return authProtocolId(method) == 4 ? "OpenID" : method;
  }
}
