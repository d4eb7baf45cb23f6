package dev.witness.proxy.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.proxy.event.ExchangeContext;
import dev.witness.proxy.event.TestExchanges;
import dev.witness.proxy.pg.message.ErrorMessages.ErrorResponse;
import dev.witness.proxy.pg.message.ExtendedQueryMessages;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Acknowledgement;
import dev.witness.proxy.pg.message.RowMessages.Field;
import dev.witness.proxy.pg.message.RowMessages.RowDescription;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectedResponsesTest {

  private final ExchangeContext ex = TestExchanges.context("r1");
  private final ExpectedResponses expected = new ExpectedResponses();

  @Test
  void anExecuteGetsTheColumnsItsStatementWasDescribedWithInTheBindsFormats() {
    expected.add(Expectation.parse("s1"));
    expected.add(Expectation.describe(ExtendedQueryMessages.STATEMENT, "s1"));
    expected.add(Expectation.bind("", "s1", new short[] {1}));
    Expectation execute = Expectation.execute("", ex);
    expected.add(execute);
    expected.add(Expectation.sync());

    expected.acknowledged(Acknowledgement.PARSE_COMPLETE);
    assertThat(expected.described(new RowDescription(List.of(
        new Field("id", 16384, (short) 1, 23, (short) 4, -1, (short) 0))))).isTrue();
    expected.acknowledged(Acknowledgement.BIND_COMPLETE);

    assertThat(expected.head()).isSameAs(execute);
    assertThat(expected.columnsOf(execute)).singleElement().satisfies(c -> {
      assertThat(c.getName()).isEqualTo("id");
      assertThat(c.getTable()).isEqualTo("16384");
      assertThat(c.getFormat()).isEqualTo(1);
    });
    expected.executeFinished();
    assertThat(expected.ready().kind).isEqualTo(Expectation.Kind.SYNC);
    assertThat(expected.head()).isNull();
  }

  @Test
  void anErrorSkipsTheRestOfTheSequenceUpToItsSync() {
    ErrorResponse refusal = ErrorResponse.of("ERROR", "42501", "denied");
    expected.add(Expectation.bind("", "missing", new short[0]));
    expected.add(Expectation.execute("", ex));
    expected.add(Expectation.sync());
    expected.add(Expectation.refusal(refusal));
    expected.add(Expectation.sync());

    expected.failed();

    assertThat(expected.ready().kind).isEqualTo(Expectation.Kind.SYNC);
    assertThat(expected.head().refusal).isSameAs(refusal);
    expected.failed();
    assertThat(expected.ready().kind).isEqualTo(Expectation.Kind.SYNC);
    assertThat(expected.head()).isNull();
  }

  @Test
  void aDeadBackendAbandonsTheStatementsStillOwed() {
    expected.add(Expectation.query(ex));
    expected.add(Expectation.parse(""));
    expected.add(Expectation.execute("", ex));

    assertThat(expected.abandon()).extracting(e -> e.kind)
        .containsExactly(Expectation.Kind.QUERY, Expectation.Kind.EXECUTE);
    assertThat(expected.head()).isNull();
  }
}
