package dev.witness.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.junit.jupiter.api.Test;

class ErrorTextTest {

  @Test
  void sqlErrorsGiveStateAndPrimaryMessageButNeverTheRowDetail() {
    PSQLException server = new PSQLException(new ServerErrorMessage(
        "SERROR\0C23502\0Mnull value in column \"hash\" violates not-null constraint\0"
            + "DFailing row contains (secret@example.com)\0"));
    BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT ... secret@example.com", new int[0]);
    batch.setNextException(server);

    String text = ErrorText.of(new IllegalStateException("wrapped", batch));

    assertThat(text).contains("BatchUpdateException", "sqlState=23502", "violates not-null constraint");
    assertThat(text).doesNotContain("secret@example.com");
  }

  @Test
  void otherErrorsGiveTypeAndMessage() {
    assertThat(ErrorText.of(new IllegalStateException("database down")))
        .isEqualTo("IllegalStateException: database down");
  }
}
