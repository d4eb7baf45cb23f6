package dev.witness.deploy.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.witness.deploy.LauncherRun;
import dev.witness.embedded.SharedKafka;
import dev.witness.embedded.SharedPostgres;
import dev.witness.evidence.EvidenceService;
import dev.witness.schemas.config.ApiUserConfig;
import dev.witness.schemas.config.EvidenceConfig;
import dev.witness.schemas.event.AgentIdentity;
import dev.witness.schemas.event.ApprovalDecided;
import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.event.ApprovalOutcome;
import dev.witness.schemas.event.ApprovalRequested;
import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.proof.CanonicalEncoding;
import dev.witness.schemas.proof.ChainVerifier;
import dev.witness.schemas.registry.InMemorySchemaRegistryClient;
import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventDeserializer;
import dev.witness.schemas.serde.AvroEventSerializer;
import dev.witness.schemas.topic.Topics;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code witness approvals} against a running evidence service (real Kafka and PostgreSQL): the
 * approvals it lists come from the ingested ledger, the decisions it posts land in
 * {@code witness.approval-decisions}.
 */
class ApprovalsCommandIT {

  private static final String TOKEN = "cli-approver-token";
  private static final String SESSION = "cli-session";
  private static final Instant T0 = Instant.parse("2025-05-01T08:00:00Z");
  private static final SchemaRegistryClient REGISTRY = new InMemorySchemaRegistryClient();

  @TempDir static Path dir;

  private static EvidenceService service;
  private static String url;
  private static Path tokenFile;

  @BeforeAll
  static void start() throws Exception {
    String bootstrap = SharedKafka.bootstrap();
    createTopics(bootstrap);
    produceLedger(bootstrap);
    List<ApiUserConfig> users = List.of(
        new ApiUserConfig("erin", sha256(TOKEN), List.of("approver"), "erin@example.com"),
        new ApiUserConfig("audra", sha256("cli-auditor-token"), List.of("auditor")));
    service = EvidenceService.start(EvidenceConfig.defaults().withListen("127.0.0.1:0"),
        SharedPostgres.dataSource(SharedPostgres.freshDatabase("approvals_cli_it")), bootstrap,
        Map.of("group.id", "approvals-cli-it"), REGISTRY, users);
    url = "http://127.0.0.1:" + service.port();
    tokenFile = dir.resolve("approver.token");
    Files.writeString(tokenFile, TOKEN + "\n");
    await().atMost(Duration.ofSeconds(60)).until(() -> run("approvals", "list", "--state", "all", "--url", url,
        "--token-file", tokenFile.toString()).out().contains("a-cli-2"));
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  private static LauncherRun run(String... args) {
    return LauncherRun.of(args);
  }

  private static LauncherRun approvals(String... args) {
    List<String> all = new ArrayList<>(List.of("approvals"));
    all.addAll(List.of(args));
    all.addAll(List.of("--url", url, "--token-file", tokenFile.toString()));
    return run(all.toArray(String[]::new));
  }

  @Test
  void listsPendingApprovalsAsATable() {
    LauncherRun list = approvals("list");
    assertThat(list.code()).isZero();
    assertThat(list.out()).contains("APPROVAL").contains("STATEMENT")
        .contains("a-cli-1").contains("pending").contains("agent-cli").contains("postgres:demo")
        .contains("DROP TABLE customers").doesNotContain("a-cli-2");
    LauncherRun rejected = approvals("list", "--state", "rejected");
    assertThat(rejected.out()).contains("a-cli-2").doesNotContain("a-cli-1");
    assertThat(approvals("list", "--state", "expired").out()).contains("No approvals.");
    assertThat(approvals("list", "--json").out()).contains("\"approvalId\" : \"a-cli-1\"");
  }

  @Test
  void showsOneApproval() {
    LauncherRun show = approvals("show", "a-cli-2");
    assertThat(show.code()).isZero();
    assertThat(show.out()).contains("State:     rejected").contains("Statement: DROP TABLE customers")
        .contains("reject by U0SEC <sec@example.com> via slack at 2025-05-01T08:00:08.000000Z: not in prod");
    LauncherRun missing = approvals("show", "no-such-approval");
    assertThat(missing.code()).isEqualTo(ApprovalsCommand.NOT_FOUND);
    assertThat(missing.err()).contains("No approval 'no-such-approval'");
  }

  @Test
  void approvesThroughTheApiIntoKafka() {
    LauncherRun approve = approvals("approve", "a-cli-1", "--reason", "change CHG-7 approved");
    assertThat(approve.code()).isZero();
    assertThat(approve.out()).contains("Approved a-cli-1 as erin <erin@example.com>");
    String decisionId = approve.out().replaceAll("(?s).*decision (\\S+) recorded.*", "$1");
    ConsumerRecord<String, ApprovalDecision> recorded = consumeDecision(decisionId);
    assertThat(recorded.key()).isEqualTo("a-cli-1");
    assertThat(recorded.value().getApproverId()).isEqualTo("erin");
    assertThat(recorded.value().getApproverEmail()).isEqualTo("erin@example.com");
    assertThat(recorded.value().getApprove()).isTrue();
    assertThat(recorded.value().getReason()).isEqualTo("change CHG-7 approved");
    assertThat(recorded.value().getChannel()).isEqualTo("api");
    // the vote shows on the still pending approval
    await().atMost(Duration.ofSeconds(30)).until(() -> approvals("show", "a-cli-1").out()
        .contains("approve by erin <erin@example.com> via api"));
    assertThat(approvals("list").out()).containsPattern("a-cli-1 .* 1/1 ");
  }

  @Test
  void rejectNeedsAReasonAndFinalApprovalsRefuseDecisions() {
    LauncherRun noReason = approvals("reject", "a-cli-1");
    assertThat(noReason.code()).isEqualTo(2);
    assertThat(noReason.err()).contains("--reason");
    LauncherRun late = approvals("reject", "a-cli-2", "--reason", "too late");
    assertThat(late.code()).isEqualTo(ApprovalsCommand.ALREADY_FINAL);
    assertThat(late.err()).contains("HTTP 409").contains("already rejected");
  }

  @Test
  void failuresAreNamedWithNonZeroExitCodes() throws Exception {
    Path auditorToken = dir.resolve("auditor.token");
    Files.writeString(auditorToken, "cli-auditor-token");
    LauncherRun auditor = run("approvals", "list", "--url", url, "--token-file", auditorToken.toString());
    assertThat(auditor.code()).isEqualTo(ApprovalsCommand.NOT_ALLOWED);
    assertThat(auditor.err()).contains("HTTP 403").contains("audra");

    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    LauncherRun down = run("approvals", "list", "--url", "http://127.0.0.1:" + closed,
        "--token-file", tokenFile.toString());
    assertThat(down.code()).isEqualTo(ApprovalsCommand.FAILED);
    assertThat(down.err()).contains("Cannot reach the evidence API");

    Path empty = dir.resolve("empty-data");
    LauncherRun noToken = run("approvals", "list", "--url", url, "--data-dir", empty.toString());
    assertThat(noToken.code()).isEqualTo(2);
    assertThat(noToken.err()).contains("--token-file").contains("demo-approver.token");
  }

  @Test
  void readsTheDemoApproverTokenFromTheDataDirectory() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    Files.writeString(data.resolve(ApiConnection.DEMO_TOKEN_FILE), TOKEN + "\n");
    LauncherRun list = run("approvals", "list", "--url", url, "--data-dir", data.toString());
    assertThat(list.code()).isZero();
    assertThat(list.out()).contains("a-cli-1");
  }

  private static void createTopics(String bootstrap) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      for (String topic : List.of(Topics.LEDGER.name(), Topics.APPROVAL_DECISIONS.name())) {
        try {
          admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
    }
  }

  /** a-cli-1 waits for approval; a-cli-2 was rejected by a Slack user. */
  private static void produceLedger(String bootstrap) throws Exception {
    List<SpecificRecord> events = List.of(
        requested("a-cli-1", "r-1", 0, T0),
        requested("a-cli-2", "r-2", 1, T0.plusSeconds(5)),
        ApprovalDecided.newBuilder().setHeader(header(2, T0.plusSeconds(9))).setApprovalId("a-cli-2")
            .setOutcome(ApprovalOutcome.REJECTED)
            .setDecisions(List.of(ApprovalDecision.newBuilder().setDecisionId("d-sec").setApprovalId("a-cli-2")
                .setChannel("slack").setApproverId("U0SEC").setApproverEmail("sec@example.com").setApprove(false)
                .setReason("not in prod").setDecidedAt(T0.plusSeconds(8)).build()))
            .build());
    byte[] previous = new byte[32];
    var serializer = new AvroEventSerializer<LedgerEntry>(REGISTRY);
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap, "acks", "all"),
        new StringSerializer(), serializer)) {
      long sequence = 0;
      for (SpecificRecord event : events) {
        byte[] hash = ChainVerifier.entryHash(previous, CanonicalEncoding.encode(event));
        LedgerEntry entry = LedgerEntry.newBuilder().setPartition(0).setEntrySequence(sequence++)
            .setPreviousHash(ByteBuffer.wrap(previous)).setHash(ByteBuffer.wrap(hash)).setRecordedAt(T0)
            .setEvent(event).build();
        producer.send(new ProducerRecord<>(Topics.LEDGER.name(), 0, SESSION, entry)).get(30, TimeUnit.SECONDS);
        previous = hash;
      }
    }
  }

  private static ApprovalRequested requested(String approvalId, String requestId, long sequence, Instant at) {
    return ApprovalRequested.newBuilder().setHeader(header(sequence, at)).setApprovalId(approvalId)
        .setRequestId(requestId).setRequestHash("00").setRules(List.of("approve-ddl")).setQuorum(1)
        .setApproverGroup("dba").setExpiresAt(at.plusSeconds(600)).setStatement("DROP TABLE customers")
        .setRisk("HIGH").build();
  }

  private static EventHeader header(long sequence, Instant at) {
    return EventHeader.newBuilder().setEventId("cli-event-" + sequence).setSessionId(SESSION).setSequence(sequence)
        .setTimestamp(at).setAgent(AgentIdentity.newBuilder().setId("agent-cli").build()).setPurpose("CHG-7")
        .setResource("postgres:demo").setProtocol(Protocol.SQL).build();
  }

  private static ConsumerRecord<String, ApprovalDecision> consumeDecision(String decisionId) {
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", SharedKafka.bootstrap()),
        new StringDeserializer(), new AvroEventDeserializer<>(REGISTRY, ApprovalDecision.class))) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo p : consumer.partitionsFor(Topics.APPROVAL_DECISIONS.name())) {
        partitions.add(new TopicPartition(p.topic(), p.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<ConsumerRecord<String, ApprovalDecision>> found = new ArrayList<>();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> {
          if (r.value().getDecisionId().equals(decisionId)) {
            found.add(r);
          }
        });
        return !found.isEmpty();
      });
      return found.get(0);
    }
  }

  private static String sha256(String token) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
  }
}
