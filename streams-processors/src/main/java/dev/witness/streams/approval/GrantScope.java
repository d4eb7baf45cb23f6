package dev.witness.streams.approval;

import java.util.Locale;

/** What an approval grants for its grant window. */
public enum GrantScope {
  /** The exact request (agent and {@link RequestHash}). */
  REQUEST,
  /** Any request of the agent on the resource that the same policy rules hold: a time-boxed grant. */
  RULE;

  /** The scope an {@code ApprovalDecision.grantScope} asks for; anything but {@code rule} is {@link #REQUEST}. */
  public static GrantScope of(String text) {
    return text != null && text.strip().toLowerCase(Locale.ROOT).equals("rule") ? RULE : REQUEST;
  }

  /** The event spelling. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }
}
