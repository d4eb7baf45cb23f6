package dev.witness.proxy.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.proxy.RequestDeniedException;
import dev.witness.proxy.WitnessUnavailableException;
import dev.witness.proxy.WitnessUnavailableException.Stage;
import dev.witness.proxy.pg.message.ErrorMessages.ErrorResponse;
import dev.witness.proxy.pg.message.PgProtocolException;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.Verdict;
import io.netty.handler.codec.DecoderException;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class PgErrorsTest {

  private static Verdict verdict(Decision decision) {
    return Verdict.newBuilder().setHeader(dev.witness.proxy.event.TestExchanges.request("r1").getHeader()).setRequestId("r1")
        .setReplyPartition(0).setDecision(decision).setRules(List.of("no-ddl")).setReason("DDL needs a ticket").build();
  }

  @Test
  void aDenyIs42501NamingTheRuleAndKeepsTheSession() {
    ErrorResponse e = PgErrors.toErrorResponse(new CompletionException(new RequestDeniedException(verdict(Decision.DENY))));

    assertThat(e.sqlState()).isEqualTo("42501");
    assertThat(e.severity()).isEqualTo("ERROR");
    assertThat(e.message()).contains("no-ddl").contains("DDL needs a ticket").contains("nothing was forwarded");
    assertThat(PgErrors.toErrorResponse(new RequestDeniedException(verdict(Decision.REQUIRE_APPROVAL))).message())
        .contains("needs a human approval");
  }

  @Test
  void aHeldStatementTheAgentCancelledIs57014NamingTheApproval() {
    ErrorResponse e = PgErrors.cancelled("appr-7");

    assertThat(e.sqlState()).isEqualTo("57014");
    assertThat(e.severity()).isEqualTo("ERROR");
    assertThat(e.message()).startsWith("canceling statement due to user request").contains("appr-7")
        .contains("cancelled").contains("nothing was forwarded");
  }

  @Test
  void witnessUnavailableFailsClosed() {
    ErrorResponse request = PgErrors.toErrorResponse(new WitnessUnavailableException(Stage.REQUEST, "no verdict within 5s"));
    ErrorResponse response = PgErrors.toErrorResponse(new WitnessUnavailableException(Stage.RESPONSE, "event not recorded"));

    assertThat(request.sqlState()).isEqualTo("08006");
    assertThat(request.severity()).isEqualTo("ERROR");
    assertThat(request.message()).isEqualTo(
        "Witness cannot record this statement; nothing was forwarded (no verdict within 5s)");
    assertThat(response.severity()).isEqualTo("FATAL");
  }

  @Test
  void protocolErrorsAreFatal08P01() {
    ErrorResponse e = PgErrors.toErrorResponse(new DecoderException(new PgProtocolException("bad length")));

    assertThat(e.sqlState()).isEqualTo("08P01");
    assertThat(e.severity()).isEqualTo("FATAL");
  }

  @Test
  void theBackendsOwnLoginRefusalReachesTheAgent() {
    ErrorResponse refused = ErrorResponse.of("FATAL", "3D000", "database \"x\" does not exist");

    assertThat(PgErrors.toErrorResponse(new BackendUnavailableException("refused", refused, null))).isEqualTo(refused);
    assertThat(PgErrors.toErrorResponse(new BackendUnavailableException("cannot connect", null, null)).sqlState())
        .isEqualTo("08006");
  }
}
