package dev.witness.streams.policy;

import dev.witness.schemas.config.ApprovalRequirement;
import dev.witness.schemas.config.PolicyConfig;
import dev.witness.schemas.config.PolicyRule;
import dev.witness.schemas.config.RuleMatch;
import dev.witness.streams.digest.Sha256;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * The version of a policy: lower-case hex SHA-256 of its canonical serialization, recorded on
 * every verdict so an auditor can tell which policy decided.
 *
 * <p>Canonical serialization (version 1): the string {@code witness.policy.v1}, the default
 * decision, the rule count, then per rule its id, description, decision, reason and the match
 * lists protocols, resources, agents, methods, paths in that order. A string is its UTF-8 length
 * as a big-endian int32 then its bytes (null is length -1); a list is its size as an int32 then
 * its strings. Length prefixes make the encoding unambiguous, so two policies share a version
 * only if every field is equal.
 *
 * <p>Extensions (conditions, mask plans, approvals): a policy that uses none of them keeps its
 * version-1 bytes. Otherwise the string {@code witness.policy.ext1} follows, then per rule its
 * {@code when} and {@code maskPlan} and its approval as quorum (int32, -1 when absent), group,
 * timeout and grant window (int64 milliseconds each, -1 when absent), then the approver groups
 * sorted by name, each its name and member list.
 *
 * <p>HTTP path templates: a policy with {@code pathTemplates} ends with the string
 * {@code witness.policy.paths1} and the list of templates in order.
 */
public final class PolicyVersion {

  private static final String FORMAT = "witness.policy.v1";
  private static final String EXTENSIONS = "witness.policy.ext1";
  private static final String PATH_TEMPLATES = "witness.policy.paths1";

  private PolicyVersion() {}

  /** The version of {@code policy}. */
  public static String of(PolicyConfig policy) {
    return HexFormat.of().formatHex(Sha256.digest(canonicalBytes(policy)));
  }

  /** The canonical serialization of {@code policy}. */
  public static byte[] canonicalBytes(PolicyConfig policy) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    writeString(out, FORMAT);
    writeString(out, policy.defaultDecision());
    writeInt(out, policy.rules().size());
    for (PolicyRule rule : policy.rules()) {
      writeString(out, rule.id());
      writeString(out, rule.description());
      writeString(out, rule.decision());
      writeString(out, rule.reason());
      RuleMatch match = rule.match();
      writeList(out, match.protocols());
      writeList(out, match.resources());
      writeList(out, match.agents());
      writeList(out, match.methods());
      writeList(out, match.paths());
    }
    if (usesExtensions(policy)) {
      writeString(out, EXTENSIONS);
      for (PolicyRule rule : policy.rules()) {
        writeString(out, rule.when());
        writeString(out, rule.maskPlan());
        ApprovalRequirement approval = rule.approval();
        writeInt(out, approval == null ? -1 : approval.quorum());
        writeString(out, approval == null ? null : approval.approverGroup());
        writeLong(out, approval == null ? -1 : approval.timeout().toMillis());
        writeLong(out, approval == null ? -1 : approval.grantWindow().toMillis());
      }
      writeInt(out, policy.approvers().groups().size());
      policy.approvers().groups().forEach((name, members) -> {
        writeString(out, name);
        writeList(out, members);
      });
    }
    if (!policy.pathTemplates().isEmpty()) {
      // Templates change what rules on request.http.template see; a policy without them keeps its version.
      writeString(out, PATH_TEMPLATES);
      writeList(out, policy.pathTemplates());
    }
    return out.toByteArray();
  }

  private static boolean usesExtensions(PolicyConfig policy) {
    if (!policy.approvers().groups().isEmpty()) {
      return true;
    }
    for (PolicyRule rule : policy.rules()) {
      boolean defaultApproval = rule.approval() == null || rule.approval().equals(ApprovalRequirement.defaults());
      if (rule.when() != null || rule.maskPlan() != null || !defaultApproval) {
        return true;
      }
    }
    return false;
  }

  private static void writeLong(ByteArrayOutputStream out, long value) {
    out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
  }

  private static void writeList(ByteArrayOutputStream out, List<String> values) {
    writeInt(out, values.size());
    values.forEach(v -> writeString(out, v));
  }

  private static void writeString(ByteArrayOutputStream out, String value) {
    if (value == null) {
      writeInt(out, -1);
      return;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    writeInt(out, utf8.length);
    out.writeBytes(utf8);
  }

  private static void writeInt(ByteArrayOutputStream out, int value) {
    out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(value).array());
  }
}
