package dev.witness.proxy.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupParametersTest {

  private static StartupParameters of(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return new StartupParameters(m);
  }

  @Test
  void purposeComesFromApplicationNameOrOptions() {
    assertThat(of("application_name", "witness:purpose=ticket-123").purpose()).isEqualTo("ticket-123");
    assertThat(of("options", "-c witness.purpose=INC-9 -c search_path=app").purpose()).isEqualTo("INC-9");
    assertThat(of("options", "--witness.purpose=a\\ b").purpose()).isEqualTo("a b");
    assertThat(of("application_name", "psql").purpose()).isNull();
  }

  @Test
  void theSqlToolJoinsTheAgentSessionAndNamesItsToolCall() {
    StartupParameters p = of("user", "agent", "options",
        "-c witness.session=agent-run:7 -c witness.purpose=ticket\\ 42 -c witness.tool_call_id=call_abc-1");

    assertThat(p.sessionId()).isEqualTo("agent-run:7");
    assertThat(p.purpose()).isEqualTo("ticket 42");
    assertThat(p.toolCallId()).isEqualTo("call_abc-1");
    assertThat(p.invalidWitnessOption()).isNull();
    // Witness's own options never reach the backend, where unknown settings would fail the login.
    assertThat(p.forBackend()).isEmpty();
    assertThat(p.dropped()).isEmpty();
    assertThat(of("options", "-c witness.purpose=x").sessionId()).isNull();
  }

  @Test
  void malformedWitnessOptionsAreNamed() {
    assertThat(of("options", "-c witness.session=bad/id").invalidWitnessOption())
        .contains("\"witness.session\"").contains("1 to 128 characters");
    assertThat(of("options", "-c witness.session=" + "s".repeat(129)).invalidWitnessOption()).isNotNull();
    assertThat(of("options", "-c witness.session=").invalidWitnessOption()).isNotNull();
    assertThat(of("options", "-c witness.tool_call_id=a\\ b").invalidWitnessOption()).contains("witness.tool_call_id");
    assertThat(of("options", "-c witness.purpose=" + "p".repeat(1025)).invalidWitnessOption()).contains("witness.purpose");
    assertThat(of("options", "-c witness.sesion=x").invalidWitnessOption()).contains("unrecognized parameter \"witness.sesion\"");
    assertThat(of("options", "-c search_path=app").invalidWitnessOption()).isNull();
  }

  @Test
  void setApplicationNameStatesAPurpose() {
    assertThat(StartupParameters.purposeSetBy("SET application_name = 'witness:purpose=IT-42'")).isEqualTo("IT-42");
    assertThat(StartupParameters.purposeSetBy("set session application_name to 'witness:purpose=x';")).isEqualTo("x");
    assertThat(StartupParameters.purposeSetBy("SET application_name = 'PostgreSQL JDBC Driver'")).isNull();
  }

  @Test
  void theBackendGetsPresentationSettingsOnly() {
    StartupParameters p = of("user", "agent", "database", "demo", "client_encoding", "UTF8", "DateStyle", "ISO",
        "options", "-c witness.purpose=T-1 -c role=admin", "replication", "database", "_pq_.x", "1");

    assertThat(p.forBackend()).containsExactly(Map.entry("client_encoding", "UTF8"), Map.entry("DateStyle", "ISO"));
    assertThat(p.dropped()).containsExactly("options", "replication", "_pq_.x");
    assertThat(of("user", "a", "options", "-c witness.purpose=T-1").dropped()).isEmpty();
  }

  @Test
  void theDatabaseDefaultsToTheUserName() {
    assertThat(of("user", "agent").database()).isEqualTo("agent");
    assertThat(of("user", "agent", "database", "demo").database()).isEqualTo("demo");
  }
}
