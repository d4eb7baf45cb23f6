package dev.witness.evidence.document;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.witness.schemas.event.Authentication;
import dev.witness.schemas.event.RequestIntercepted;

/** The {@code request} section: what the agent asked for and how it authenticated. */
public record RequestDocument(String kind, @JsonUnwrapped RequestDetails details, AuthenticationDocument authentication) {

  static RequestDocument of(RequestIntercepted event) {
    RequestDetails details = RequestDetails.of(event.getBody());
    return new RequestDocument(details.kind(), details, AuthenticationDocument.of(event.getAuthentication()));
  }

  /** How the agent proved who it is; never the credential. */
  public record AuthenticationDocument(String outcome, String method, String reason) {

    static AuthenticationDocument of(Authentication auth) {
      return new AuthenticationDocument(auth.getOutcome().name(), auth.getMethod(), auth.getReason());
    }
  }
}
