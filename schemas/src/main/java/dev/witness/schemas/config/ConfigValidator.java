package dev.witness.schemas.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Checks a bound configuration; each problem names the field and the fix. */
final class ConfigValidator {

  private static final Pattern HOST_PORT = Pattern.compile("[^:\\s]+:(\\d{1,5})");
  private static final Pattern SCRAM_VERIFIER =
      Pattern.compile("SCRAM-SHA-256\\$\\d{4,9}:[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
  private static final Set<String> DECISIONS = Set.of("allow", "deny", "mask", "require-approval");
  private static final Set<String> ROLES = Set.of("auditor", "approver", "admin");
  private static final Set<String> PROTOCOLS = Set.of("SQL", "HTTP", "MCP", "OPENAI", "KUBERNETES");

  private static final Pattern BACKTRACKING_ONLY = Pattern.compile("\\(\\?<?[=!]|\\\\[1-9]");

  private final List<String> problems = new ArrayList<>();

  List<String> validate(WitnessConfig c) {
    requireHostPorts("kafka.bootstrap", c.kafka().bootstrap());
    positive("kafka.partitions", c.kafka().partitions());
    positive("kafka.replyPartitions", c.kafka().replyPartitions());
    positive("kafka.replicationFactor", c.kafka().replicationFactor());
    requireHttpUrl("schemaRegistry.url", c.schemaRegistry().url());

    ProxyConfig proxy = c.proxy();
    if (proxy.replyPartition() < 0 || proxy.replyPartition() >= c.kafka().replyPartitions()) {
      problems.add("proxy.replyPartition: " + proxy.replyPartition() + " is outside 0.."
          + (c.kafka().replyPartitions() - 1) + "; give each proxy instance its own partition below kafka.replyPartitions");
    }
    if (proxy.verdictTimeout().isNegative() || proxy.verdictTimeout().isZero()) {
      problems.add("proxy.verdictTimeout: must be positive; e.g. 5s");
    }
    if (proxy.approvalHold().isNegative() || proxy.approvalHold().compareTo(Duration.ofMinutes(15)) > 0) {
      problems.add("proxy.approvalHold: " + proxy.approvalHold() + " must be between 0s (answer at once) and 15m; e.g. 60s");
    }
    requireHostPort("proxy.http.listen", proxy.http().listen());
    requireHostPort("proxy.postgres.listen", proxy.postgres().listen());
    validatePostgres(proxy.postgres());
    if (proxy.kubernetes() != null) {
      validateKubernetes(proxy.kubernetes());
    }
    positive("proxy.http.maxRequestBodyBytes", proxy.http().maxRequestBodyBytes());
    // The body is recorded inside one Kafka record (Topics.MAX_MESSAGE_BYTES, 8 MiB) with room for headers.
    if (proxy.http().maxRequestBodyBytes() > 7L * 1024 * 1024) {
      problems.add("proxy.http.maxRequestBodyBytes: " + proxy.http().maxRequestBodyBytes()
          + " is over 7340032 (7 MiB); request bodies are recorded whole in one Kafka record");
    }
    if (proxy.http().responseChunkBytes() > 4 * 1024 * 1024) {
      problems.add("proxy.http.responseChunkBytes: " + proxy.http().responseChunkBytes()
          + " is over 4194304 (4 MiB); smaller chunks keep memory bounded and records under the Kafka limit");
    }
    positive("proxy.http.responseChunkBytes", proxy.http().responseChunkBytes());
    Set<String> prefixes = new HashSet<>();
    for (int i = 0; i < proxy.http().routes().size(); i++) {
      HttpRoute route = proxy.http().routes().get(i);
      String at = "proxy.http.routes[" + i + "]";
      if (route.prefix() == null || !route.prefix().startsWith("/")) {
        problems.add(at + ".prefix: must start with '/'; e.g. /demo");
      } else if (!prefixes.add(route.prefix())) {
        problems.add(at + ".prefix: '" + route.prefix() + "' is used by an earlier route; prefixes must be unique");
      }
      if (route.resource() == null || route.resource().isBlank()) {
        problems.add(at + ".resource: missing; name the target as recorded in evidence, e.g. http:demo");
      }
      requireHttpUrl(at + ".upstream", route.upstream());
      if (!HttpRoute.DIALECTS.contains(route.dialect())) {
        problems.add(at + ".dialect: '" + route.dialect() + "' is not one of " + HttpRoute.DIALECTS
            + "; write e.g. dialect: mcp");
      }
      if (route.credential() != null) {
        BackendCredential cred = route.credential();
        int sources = (cred.value() != null ? 1 : 0) + (cred.valueFromEnv() != null ? 1 : 0)
            + (cred.valueFromFile() != null ? 1 : 0);
        if (sources != 1) {
          problems.add(at + ".credential: set exactly one of value, valueFromEnv, valueFromFile");
        }
      }
    }

    requireHostPort("evidence.listen", c.evidence().listen());
    if (c.admin().listen() != null) {
      requireHostPort("admin.listen", c.admin().listen());
    }
    if (c.evidence().jdbcUrl() != null && !c.evidence().jdbcUrl().startsWith("jdbc:postgresql:")) {
      problems.add("evidence.jdbcUrl: '" + c.evidence().jdbcUrl()
          + "' is not a PostgreSQL JDBC URL; write jdbc:postgresql://host:5432/witness");
    }
    validateEvidenceOwner(c.evidence());

    PolicyConfig policy = c.policy();
    if (!Set.of("allow", "deny").contains(policy.defaultDecision())) {
      problems.add("policy.defaultDecision: '" + policy.defaultDecision() + "' is not allow or deny");
    }
    Set<String> ruleIds = new HashSet<>();
    for (int i = 0; i < policy.rules().size(); i++) {
      PolicyRule rule = policy.rules().get(i);
      String at = "policy.rules[" + i + "]";
      if (rule.id() == null || rule.id().isBlank()) {
        problems.add(at + ".id: missing; give every rule a stable id, it is recorded in verdicts");
      } else if (!ruleIds.add(rule.id())) {
        problems.add(at + ".id: '" + rule.id() + "' is used by an earlier rule; ids must be unique");
      }
      if (rule.decision() == null || !DECISIONS.contains(rule.decision())) {
        problems.add(at + ".decision: '" + rule.decision() + "' is not one of " + DECISIONS);
      }
      for (String p : rule.match().protocols()) {
        if (!PROTOCOLS.contains(p)) {
          problems.add(at + ".match.protocols: '" + p + "' is not one of " + PROTOCOLS);
        }
      }
      validateRuleOutcome(at, rule, policy.approvers());
      validateMaskPlanName(at, rule, c.masking());
    }
    validateApprovers(policy.approvers());
    validatePathTemplates(policy.pathTemplates());

    validateMasking(c.masking());
    validateCheckpoint(c.streams().checkpoint());
    validateSlack(c.approvals().slack());
    validateWebhook(c.approvals().webhook());

    Set<String> agentIds = new HashSet<>();
    for (int i = 0; i < c.agents().size(); i++) {
      AgentConfig agent = c.agents().get(i);
      String at = "agents[" + i + "]";
      if (agent.id() == null || agent.id().isBlank()) {
        problems.add(at + ".id: missing");
      } else if (!agentIds.add(agent.id())) {
        problems.add(at + ".id: '" + agent.id() + "' is used by an earlier agent");
      }
      requireSha256(at + ".tokenSha256", agent.tokenSha256());
      if (agent.scramSha256() != null && !SCRAM_VERIFIER.matcher(agent.scramSha256()).matches()) {
        problems.add(at + ".scramSha256: must look like SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey> "
            + "(base64 parts, as in pg_authid.rolpassword); or leave it out to use the token in clear");
      }
    }
    for (int i = 0; i < c.apiUsers().size(); i++) {
      ApiUserConfig user = c.apiUsers().get(i);
      String at = "apiUsers[" + i + "]";
      if (user.id() == null || user.id().isBlank()) {
        problems.add(at + ".id: missing");
      }
      requireSha256(at + ".tokenSha256", user.tokenSha256());
      for (String role : user.roles()) {
        if (!ROLES.contains(role)) {
          problems.add(at + ".roles: '" + role + "' is not one of " + ROLES);
        }
      }
      if (user.email() != null && !user.email().matches("[^@\\s]+@[^@\\s]+")) {
        problems.add(at + ".email: '" + user.email() + "' is not an e-mail address like alice@example.com; "
            + "fix it or leave it out");
      }
    }
    return problems;
  }

  private void validatePostgres(PostgresProxyConfig pg) {
    if (pg.resource().isBlank()) {
      problems.add("proxy.postgres.resource: must not be blank; name the target as recorded in evidence, e.g. postgres:demo");
    }
    positive("proxy.postgres.maxRowsPerChunk", pg.maxRowsPerChunk());
    positive("proxy.postgres.responseChunkBytes", pg.responseChunkBytes());
    positive("proxy.postgres.maxMessageBytes", pg.maxMessageBytes());
    // A statement, and each result chunk, is recorded in one Kafka record (Topics.MAX_MESSAGE_BYTES, 8 MiB).
    if (pg.maxMessageBytes() > 7 * 1024 * 1024) {
      problems.add("proxy.postgres.maxMessageBytes: " + pg.maxMessageBytes()
          + " is over 7340032 (7 MiB); statements and rows are recorded whole in one Kafka record");
    }
    if (pg.responseChunkBytes() > 4 * 1024 * 1024) {
      problems.add("proxy.postgres.responseChunkBytes: " + pg.responseChunkBytes()
          + " is over 4194304 (4 MiB); smaller chunks keep memory bounded and records under the Kafka limit");
    }
    if (pg.tls() != null && (pg.tls().certFile() == null || pg.tls().keyFile() == null)) {
      problems.add("proxy.postgres.tls: set both certFile and keyFile (PEM), or remove tls to decline SSLRequest");
    }
    PostgresBackendConfig backend = pg.backend();
    if (backend.host().isBlank()) {
      problems.add("proxy.postgres.backend.host: must not be blank; e.g. 127.0.0.1");
    }
    if (backend.port() <= 0 || backend.port() > 65535) {
      problems.add("proxy.postgres.backend.port: " + backend.port() + " is not a TCP port; e.g. 5432");
    }
    if (backend.user().isBlank()) {
      problems.add("proxy.postgres.backend.user: must not be blank; name the role Witness logs in as");
    }
    int sources = (backend.password() != null ? 1 : 0) + (backend.passwordFromEnv() != null ? 1 : 0)
        + (backend.passwordFromFile() != null ? 1 : 0);
    if (sources > 1) {
      problems.add("proxy.postgres.backend: set at most one of password, passwordFromEnv, passwordFromFile");
    }
  }

  // CEL conditions are compiled by the streams processors (PolicyCheck), which declare their variables.
  private void validateRuleOutcome(String at, PolicyRule rule, ApproversConfig approvers) {
    if (rule.when() != null && rule.when().isBlank()) {
      problems.add(at + ".when: empty; write a CEL condition, e.g. request.sql.kind == 'DDL', or remove it");
    }
    if ("mask".equals(rule.decision()) && (rule.maskPlan() == null || rule.maskPlan().isBlank())) {
      problems.add(at + ".maskPlan: missing; decision mask needs the name of the masking plan, e.g. maskPlan: pii");
    }
    if (rule.maskPlan() != null && !Set.of("allow", "mask", "require-approval").contains(rule.decision())) {
      problems.add(at + ".maskPlan: only allow, mask and require-approval rules forward a response to mask; remove it");
    }
    ApprovalRequirement approval = rule.approval();
    if (approval == null) {
      return;
    }
    if (!"require-approval".equals(rule.decision())) {
      problems.add(at + ".approval: only require-approval rules take approval settings; remove it");
      return;
    }
    if (approval.quorum() < 1) {
      problems.add(at + ".approval.quorum: " + approval.quorum() + " must be at least 1");
    }
    if (approval.approverGroup() != null) {
      List<String> members = approvers.groups().get(approval.approverGroup());
      if (members == null) {
        problems.add(at + ".approval.approverGroup: '" + approval.approverGroup()
            + "' is not a group of policy.approvers.groups " + approvers.groups().keySet());
      } else if (members.size() < approval.quorum()) {
        problems.add(at + ".approval.quorum: " + approval.quorum() + " is more than the " + members.size()
            + " members of group '" + approval.approverGroup() + "'; it could never be reached");
      }
    }
    if (approval.timeout().isNegative() || approval.timeout().isZero()) {
      problems.add(at + ".approval.timeout: must be positive; e.g. 15m");
    }
    if (approval.grantWindow().isNegative()) {
      problems.add(at + ".approval.grantWindow: must not be negative; 0s grants only the held request");
    }
  }

  private void validatePathTemplates(List<String> templates) {
    Set<List<String>> shapes = new HashSet<>();
    for (int i = 0; i < templates.size(); i++) {
      String at = "policy.pathTemplates[" + i + "]";
      String text = templates.get(i);
      try {
        PathTemplate template = PathTemplate.parse(text);
        // Variables' names do not change what a template matches: /a/{x} and /a/{y} are the same template.
        List<String> shape = new ArrayList<>();
        for (int s = 0; s < template.segments().size(); s++) {
          shape.add(template.isVariable(s) ? "{}" : template.segments().get(s));
        }
        if (!shapes.add(shape)) {
          problems.add(at + ": '" + text + "' matches the same paths as an earlier template; remove one");
        }
      } catch (IllegalArgumentException e) {
        problems.add(at + ": '" + text + "' " + e.getMessage());
      }
    }
  }

  private void validateApprovers(ApproversConfig approvers) {
    approvers.groups().forEach((name, members) -> {
      String at = "policy.approvers.groups." + name;
      if (name.isBlank()) {
        problems.add("policy.approvers.groups: a group name is blank; name groups, e.g. dba");
      }
      if (members.isEmpty()) {
        problems.add(at + ": no members; list e-mail addresses or Slack user ids, e.g. [alice@example.com, U0123ABCD]");
      }
      for (String member : members) {
        if (member == null || member.isBlank() || member.chars().anyMatch(Character::isWhitespace)) {
          problems.add(at + ": '" + member + "' is not an e-mail address or a Slack user id");
        }
      }
    });
  }

  private void validateSlack(SlackApprovalsConfig slack) {
    if (slack == null) {
      return;
    }
    oneSecretSource("approvals.slack.botToken", slack.botToken(), slack.botTokenFromEnv(), slack.botTokenFromFile());
    oneSecretSource("approvals.slack.signingSecret",
        slack.signingSecret(), slack.signingSecretFromEnv(), slack.signingSecretFromFile());
    if (slack.botToken() != null && !slack.botToken().startsWith("xoxb-")) {
      // Only the prefix is named: the value itself is a secret.
      problems.add("approvals.slack.botToken: is not a bot token (those start with xoxb-); copy the app's "
          + "Bot User OAuth Token, preferably into botTokenFromEnv");
    }
    if (slack.channel() == null || slack.channel().isBlank() || slack.channel().chars().anyMatch(Character::isWhitespace)) {
      problems.add("approvals.slack.channel: '" + slack.channel()
          + "' is not a channel; write the approver channel's id, e.g. C0123456789, and invite the app to it");
    }
    requireHttpUrl("approvals.slack.apiUrl", slack.apiUrl());
  }

  private void validateWebhook(WebhookApprovalsConfig webhook) {
    if (webhook == null) {
      return;
    }
    requireHttpUrl("approvals.webhook.url", webhook.url());
    oneSecretSource("approvals.webhook.secret", webhook.secret(), webhook.secretFromEnv(), webhook.secretFromFile());
    if (webhook.secret() != null && webhook.secret().length() < 16) {
      problems.add("approvals.webhook.secret: shorter than 16 characters; use a random key, e.g. openssl rand -hex 32");
    }
    if (webhook.timeout().isNegative() || webhook.timeout().isZero() || webhook.timeout().compareTo(Duration.ofMinutes(1)) > 0) {
      problems.add("approvals.webhook.timeout: " + webhook.timeout() + " must be positive and at most 1m; e.g. 10s");
    }
  }

  private void oneSecretSource(String field, String value, String fromEnv, String fromFile) {
    int sources = (value != null ? 1 : 0) + (fromEnv != null ? 1 : 0) + (fromFile != null ? 1 : 0);
    if (sources != 1) {
      String name = field.substring(field.lastIndexOf('.') + 1);
      problems.add(field + ": set exactly one of " + name + "FromEnv, " + name + "FromFile, " + name
          + " (prefer the first two: inline secrets end up in version control)");
    }
  }

  private void validateCheckpoint(CheckpointConfig checkpoint) {
    if (checkpoint.everyEntries() <= 0) {
      problems.add("streams.checkpoint.everyEntries: must be a positive number of ledger entries; e.g. 1000");
    }
    if (checkpoint.everyInterval().compareTo(java.time.Duration.ofMillis(100)) < 0) {
      problems.add("streams.checkpoint.everyInterval: " + checkpoint.everyInterval()
          + " is under 100ms; checkpoints are signed and kept forever, write e.g. 5s");
    }
    if (checkpoint.signingKeyFile() != null && checkpoint.signingKeyFile().isBlank()) {
      problems.add("streams.checkpoint.signingKeyFile: blank; name an Ed25519 PKCS#8 PEM file "
          + "(openssl genpkey -algorithm ed25519 -out checkpoint-signing.key) or leave it out in standalone");
    }
  }

  /** A verdict's plan must exist where the masking topology looks it up: fail at start, not per response. */
  private void validateMaskPlanName(String at, PolicyRule rule, MaskingConfig masking) {
    if (rule.maskPlan() != null && !rule.maskPlan().isBlank()
        && Set.of("allow", "mask", "require-approval").contains(rule.decision())
        && !masking.plans().containsKey(rule.maskPlan())) {
      problems.add(at + ".maskPlan: '" + rule.maskPlan() + "' is not a plan of masking.plans " + new TreeSet<>(
          masking.plans().keySet()) + "; define masking.plans." + rule.maskPlan() + " (an empty plan {} masks like the masking section)");
    }
  }

  private void validateMasking(MaskingConfig m) {
    if (!Set.of("best-effort", "strict").contains(m.mode())) {
      problems.add("masking.mode: '" + m.mode() + "' is not best-effort or strict");
    }
    if (m.tokenKey() != null && m.tokenKeyFromEnv() != null) {
      problems.add("masking: set at most one of tokenKey, tokenKeyFromEnv (prefer tokenKeyFromEnv)");
    }
    if (m.tokenKey() != null && m.tokenKey().length() < 16) {
      problems.add("masking.tokenKey: shorter than 16 characters; use a random key, e.g. openssl rand -hex 32");
    }
    if (m.jsonBufferBytes() < 1 || m.jsonBufferBytes() > MaskingConfig.MAX_JSON_BUFFER_BYTES) {
      problems.add("masking.jsonBufferBytes: " + m.jsonBufferBytes() + " is not between 1 and "
          + MaskingConfig.MAX_JSON_BUFFER_BYTES + "; e.g. 4194304 (4 MiB)");
    }
    validateRawEncryption(m.rawEncryption());
    if (!m.phoneRegion().matches("[A-Z]{2}")) {
      problems.add("masking.phoneRegion: '" + m.phoneRegion() + "' is not an ISO 3166 region; e.g. US, GB, DE");
    }
    Set<String> types = new HashSet<>(MaskingConfig.DETECTORS);
    for (int i = 0; i < m.patterns().size(); i++) {
      MaskingPattern p = m.patterns().get(i);
      String at = "masking.patterns[" + i + "]";
      if (p.name() == null || !p.name().matches("[a-z][a-z0-9_]{0,31}")) {
        problems.add(at + ".name: '" + p.name() + "' must be lower-case letters, digits and _, e.g. order_ref");
      } else if (!types.add(p.name())) {
        problems.add(at + ".name: '" + p.name() + "' is already a detector; choose another name");
      }
      validatePattern(at + ".pattern", p.pattern());
    }
    validateMaskingSettings("masking", m.detectors(), m.operators(), m.rules(), types);
    m.plans().forEach((name, plan) -> {
      String at = "masking.plans." + name;
      if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
        problems.add(at + ": '" + name + "' must be letters, digits, _, . or - (at most 64), e.g. pii");
      }
      if (plan == null) {
        return;
      }
      if (plan.mode() != null && !Set.of("best-effort", "strict").contains(plan.mode())) {
        problems.add(at + ".mode: '" + plan.mode() + "' is not best-effort or strict; omit it to keep masking.mode");
      }
      validateMaskingSettings(at, plan.detectors(), plan.operators(), plan.rules(), types);
    });
  }

  private void validateRawEncryption(RawEncryptionConfig raw) {
    if (raw.keyRingFile() != null && raw.keyRingFile().isBlank()) {
      problems.add("masking.rawEncryption.keyRingFile: blank; name the data key ring file every proxy and streams "
          + "instance reads, e.g. /etc/witness/raw-data-keys.json (create it with witness raw-keys rotate --key-ring FILE)");
    }
    if (Boolean.FALSE.equals(raw.enabled()) && raw.acceptPlaintext()) {
      problems.add("masking.rawEncryption.acceptPlaintext: only meaningful while enabled; remove it or set enabled: true");
    }
  }

  private void validateMaskingSettings(String section, List<String> detectors, Map<String, String> operators,
      List<MaskingRule> rules, Set<String> types) {
    for (String d : detectors) {
      if (!types.contains(d)) {
        problems.add(section + ".detectors: '" + d + "' is not one of " + types);
      }
    }
    operators.forEach((type, op) -> {
      if (!types.contains(type)) {
        problems.add(section + ".operators." + type + ": unknown type; use one of " + types);
      }
      if (!MaskingConfig.OPERATORS.contains(op)) {
        problems.add(section + ".operators." + type + ": '" + op + "' is not one of " + MaskingConfig.OPERATORS);
      }
    });
    for (int i = 0; i < rules.size(); i++) {
      MaskingRule rule = rules.get(i);
      String at = section + ".rules[" + i + "]";
      if (rule.fields().isEmpty()) {
        problems.add(at + ".fields: missing; list column names or JSON paths, e.g. [email, $.customers[*].phone]");
      }
      for (String f : rule.fields()) {
        if (f == null || f.isBlank() || (f.startsWith("$") && !f.matches("\\$(\\.[^.\\[\\]]+|\\[(\\*|\\d+)])*"))) {
          problems.add(at + ".fields: '" + f + "' is not a column name or a JSON path like $.customers[*].email");
        }
      }
      if (rule.detector() != null && !types.contains(rule.detector())) {
        problems.add(at + ".detector: '" + rule.detector() + "' is not one of " + types + "; omit it to mask whole values");
      }
      if (rule.operator() == null || !MaskingConfig.OPERATORS.contains(rule.operator())) {
        problems.add(at + ".operator: '" + rule.operator() + "' is not one of " + MaskingConfig.OPERATORS);
      }
    }
  }

  private void validatePattern(String field, String pattern) {
    if (pattern == null || pattern.isEmpty()) {
      problems.add(field + ": missing; write an RE2 regular expression, e.g. ORD-[0-9]{8}");
      return;
    }
    // RE2 matches in linear time because it has no backtracking constructs: reject those up front.
    if (BACKTRACKING_ONLY.matcher(pattern).find()) {
      problems.add(field + ": lookaround and backreferences are not supported (RE2 syntax); rewrite without them");
      return;
    }
    try {
      Pattern.compile(pattern);
    } catch (java.util.regex.PatternSyntaxException e) {
      problems.add(field + ": not a regular expression (" + e.getDescription() + ")");
    }
  }

  private void validateKubernetes(KubernetesProxyConfig k8s) {
    requireHostPort("proxy.kubernetes.listen", k8s.listen());
    if (k8s.resource().isBlank()) {
      problems.add("proxy.kubernetes.resource: must not be blank; name the cluster as recorded in evidence, e.g. kubernetes:demo");
    }
    if (k8s.apiServer() == null || !k8s.apiServer().startsWith("https://")) {
      problems.add("proxy.kubernetes.apiServer: '" + k8s.apiServer()
          + "' is not an https URL; write the API server's address, e.g. https://10.0.0.1:6443");
    } else {
      requireHttpUrl("proxy.kubernetes.apiServer", k8s.apiServer());
    }
    int tokens = (k8s.token() != null ? 1 : 0) + (k8s.tokenFromEnv() != null ? 1 : 0) + (k8s.tokenFromFile() != null ? 1 : 0);
    if (tokens != 1) {
      problems.add("proxy.kubernetes: set exactly one of token, tokenFromEnv, tokenFromFile (the cluster credential Witness injects)");
    }
    if (k8s.caFile() != null && k8s.insecureSkipTlsVerify()) {
      problems.add("proxy.kubernetes.insecureSkipTlsVerify: true contradicts caFile; remove one (skip verification only for local stand-ins)");
    }
    if ((k8s.certFile() == null) != (k8s.keyFile() == null)) {
      problems.add("proxy.kubernetes: set both certFile and keyFile (PEM), or neither for a self-signed certificate");
    }
  }

  /** The owner credential migrates and grants; the application role must be another, least-privileged one. */
  private void validateEvidenceOwner(EvidenceConfig e) {
    if (e.ownerPasswordFromEnv() != null && e.ownerUser() == null) {
      problems.add("evidence.ownerPasswordFromEnv: set without evidence.ownerUser; name the schema owner role too");
    }
    if (e.ownerUser() == null) {
      return;
    }
    if (e.jdbcUrl() == null) {
      problems.add("evidence.ownerUser: needs evidence.jdbcUrl; standalone migrates its own embedded database");
    }
    if (e.user() == null) {
      problems.add("evidence.user: missing; with evidence.ownerUser set, name the application role the API and "
          + "ingest run as (e.g. witness_app)");
    } else if (!e.user().matches("[a-z_][a-z0-9_]{0,62}")) {
      problems.add("evidence.user: '" + e.user() + "' must be a lower-case identifier (letters, digits, underscore) "
          + "when evidence.ownerUser creates and grants it");
    } else if (e.user().equals(e.ownerUser())) {
      problems.add("evidence.user: '" + e.user() + "' is also evidence.ownerUser; the application role must be "
          + "another role, which gets INSERT and SELECT only");
    }
  }

  private void requireHostPort(String field, String value) {
    var m = value == null ? null : HOST_PORT.matcher(value);
    if (m == null || !m.matches() || Integer.parseInt(m.group(1)) > 65535) {
      problems.add(field + ": '" + value + "' is not host:port; write e.g. 127.0.0.1:8080");
    }
  }

  private void requireHostPorts(String field, String value) {
    if (value == null || value.isBlank()) {
      problems.add(field + ": missing; write e.g. 127.0.0.1:9092");
      return;
    }
    for (String part : value.split(",")) {
      requireHostPort(field, part.strip());
    }
  }

  private void requireHttpUrl(String field, String value) {
    try {
      URI uri = value == null ? null : URI.create(value);
      if (uri == null || uri.getHost() == null
          || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        problems.add(field + ": '" + value + "' is not an http(s) URL; write e.g. http://127.0.0.1:8081");
      }
    } catch (IllegalArgumentException e) {
      problems.add(field + ": '" + value + "' is not a URL (" + e.getMessage() + ")");
    }
  }

  private void requireSha256(String field, String value) {
    if (value == null || !SHA256_HEX.matcher(value).matches()) {
      problems.add(field + ": must be the lower-case hex SHA-256 of the token (64 characters); "
          + "compute it with: printf %s \"$TOKEN\" | sha256sum");
    }
  }

  private void positive(String field, Number value) {
    if (value == null || value.longValue() <= 0) {
      problems.add(field + ": must be a positive number");
    }
  }
}
