package dev.witness.evidence.document;

import dev.witness.schemas.event.AgentIdentity;

/** Who acted, as Witness authenticated the agent. */
public record AgentDocument(String id, String issuer, String delegatingHuman) {

  static AgentDocument of(AgentIdentity agent) {
    return new AgentDocument(agent.getId(), agent.getIssuer(), agent.getDelegatingHuman());
  }
}
