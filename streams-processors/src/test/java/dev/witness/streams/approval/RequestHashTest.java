package dev.witness.streams.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.SqlRequest;
import dev.witness.streams.testing.TestEvents;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RequestHashTest {

  @Test
  void theSameStatementInAnotherSessionHasTheSameHash() {
    String a = RequestHash.of(TestEvents.sql("s-1", 1, "DELETE FROM orders", 0));
    String b = RequestHash.of(TestEvents.sql("s-2", 7, "DELETE FROM orders", 3));

    assertThat(a).isEqualTo(b).hasSize(64).matches("[0-9a-f]{64}");
  }

  @Test
  void statementParametersAndHttpDetailsAreBound() {
    RequestIntercepted base = TestEvents.sql("s-1", 1, "DELETE FROM orders WHERE id = $1", 0);
    RequestIntercepted one = withParameters(base, "1");
    RequestIntercepted two = withParameters(base, "2");
    RequestIntercepted nullParameter = withParameters(base, (String) null);
    RequestIntercepted nullText = withParameters(base, "null");

    assertThat(RequestHash.of(one)).isNotEqualTo(RequestHash.of(two));
    assertThat(RequestHash.of(nullParameter)).isNotEqualTo(RequestHash.of(nullText));
    assertThat(RequestHash.of(TestEvents.sql("s-1", 1, "DELETE FROM orders ", 0)))
        .isNotEqualTo(RequestHash.of(TestEvents.sql("s-1", 1, "DELETE FROM orders", 0)));
    assertThat(RequestHash.of(TestEvents.http("s-1", 1, "DELETE", "/customers/1", 0)))
        .isNotEqualTo(RequestHash.of(TestEvents.http("s-1", 1, "DELETE", "/customers/2", 0)))
        .isNotEqualTo(RequestHash.of(TestEvents.http("s-1", 1, "GET", "/customers/1", 0)));
  }

  @Test
  void lengthPrefixesKeepFieldBoundaries() {
    RequestIntercepted ab = withParameters(TestEvents.sql("s-1", 1, "x", 0), "ab", "c");
    RequestIntercepted a_bc = withParameters(TestEvents.sql("s-1", 1, "x", 0), "a", "bc");

    assertThat(RequestHash.of(ab)).isNotEqualTo(RequestHash.of(a_bc));
  }

  private static RequestIntercepted withParameters(RequestIntercepted request, String... parameters) {
    SqlRequest body = SqlRequest.newBuilder((SqlRequest) request.getBody()).setParameters(Arrays.asList(parameters)).build();
    return RequestIntercepted.newBuilder(request).setBody(body).build();
  }
}
