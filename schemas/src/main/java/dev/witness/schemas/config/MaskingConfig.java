package dev.witness.schemas.config;

/** How responses are masked before they reach the agent and the evidence. */
public record MaskingConfig() {

  public static MaskingConfig defaults() {
    return new MaskingConfig();
  }
}
