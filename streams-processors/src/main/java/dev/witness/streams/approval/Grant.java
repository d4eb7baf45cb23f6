package dev.witness.streams.approval;

/**
 * An approved request the same agent may run again until {@code expiresAtMicros}.
 *
 * @param approvalId the approval that granted it
 * @param expiresAtMicros end of the grant window, microseconds since the epoch
 */
public record Grant(String approvalId, long expiresAtMicros) {

  /** The store form: {@code approvalId} and expiry separated by a space. */
  String encode() {
    return approvalId + " " + expiresAtMicros;
  }

  static Grant decode(String text) {
    int space = text.lastIndexOf(' ');
    return new Grant(text.substring(0, space), Long.parseLong(text.substring(space + 1)));
  }

  /** The key of a grant: the agent and the {@link RequestHash}. */
  static String key(String agentId, String requestHash) {
    return agentId + "\u0000" + requestHash;
  }

  /** The key of a time-boxed grant: the agent, the resource and the sorted rule ids. */
  static String ruleKey(String agentId, String resource, java.util.List<String> rules) {
    return agentId + "\u0000rule\u0000" + resource + "\u0000" + String.join("\u0000", rules.stream().sorted().toList());
  }
}
