package dev.witness.streams.policy.bench;

import dev.witness.schemas.config.ApprovalRequirement;
import dev.witness.schemas.config.ApproversConfig;
import dev.witness.schemas.config.PolicyConfig;
import dev.witness.schemas.config.PolicyRule;
import dev.witness.schemas.config.RuleMatch;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.streams.approval.GrantLookup;
import dev.witness.streams.classify.ClassifiedRequest;
import dev.witness.streams.classify.SqlClassifier;
import dev.witness.streams.testing.TestEvents;
import dev.witness.streams.verdict.VerdictFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What classification and policy add to each verdict on the agent's path, on one thread: parsing a
 * SQL statement (and classifying one seen before, from the cache), and a whole verdict (classify,
 * five rules with CEL conditions, request hash and approval request) for a repeated read that
 * passes and for DDL that needs approval.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class VerdictBenchmark {

  static final String READ = "SELECT c.id, c.email, o.total FROM customers c JOIN orders o ON o.customer_id = c.id "
      + "WHERE c.region = 'EU' AND o.created_at > now() - interval '7 days' ORDER BY o.total DESC LIMIT 50";
  static final String DDL = "ALTER TABLE customers DROP COLUMN email";

  private VerdictFactory verdicts;
  private RequestIntercepted read;
  private RequestIntercepted ddl;

  @Setup
  public void setUp() {
    ApprovalRequirement dba = new ApprovalRequirement(1, "dba", Duration.ofMinutes(10), Duration.ofMinutes(15));
    PolicyConfig policy = new PolicyConfig("allow", List.of(
        new PolicyRule("deny-admin", null, new RuleMatch(List.of("HTTP"), null, null, null, List.of("/admin/**")),
            "deny", null),
        new PolicyRule("secret-tables", null, null, "require-approval", null,
            "request.sql.tables.exists(t, t in ['payroll', 'api_keys'])", null, dba),
        new PolicyRule("delete-all", null, null, "require-approval", null,
            "request.sql.kind == 'DML' && !request.sql.hasWhere", null, dba),
        new PolicyRule("ddl", null, null, "require-approval", null,
            "request.sql.kind == 'DDL' && resource == 'postgres:demo'", null, dba),
        new PolicyRule("exec", null, null, "require-approval", null,
            "request.k8s.subresource in ['exec', 'attach']", null, dba)),
        new ApproversConfig(Map.of("dba", List.of("alice@example.com"))));
    verdicts = new VerdictFactory(policy, Clock.systemUTC());
    read = TestEvents.sql("s-1", 1, READ, 0);
    ddl = TestEvents.sql("s-1", 2, DDL, 0);
  }

  @Benchmark
  public ClassifiedRequest parseSelectJoin() {
    return SqlClassifier.classifyWithoutCache(READ);
  }

  @Benchmark
  public ClassifiedRequest classifyRepeatedSelectJoin() {
    return SqlClassifier.classify(READ);
  }

  @Benchmark
  public VerdictFactory.Outcome verdictForARead() {
    return verdicts.decide(read, GrantLookup.none());
  }

  @Benchmark
  public VerdictFactory.Outcome verdictForDdlNeedingApproval() {
    return verdicts.decide(ddl, GrantLookup.none());
  }
}
