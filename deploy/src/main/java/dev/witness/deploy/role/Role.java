package dev.witness.deploy.role;

/** The separately scalable Witness processes of a distributed deployment. */
public enum Role {
  PROXY("proxy"),
  STREAMS("streams"),
  EVIDENCE_API("evidence-api");

  private final String command;

  Role(String command) {
    this.command = command;
  }

  /** The launcher subcommand running this role. */
  public String command() {
    return command;
  }
}
