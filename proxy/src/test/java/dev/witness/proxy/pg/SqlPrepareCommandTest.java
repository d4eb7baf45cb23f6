package dev.witness.proxy.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.proxy.pg.SqlPrepareCommand.Deallocate;
import dev.witness.proxy.pg.SqlPrepareCommand.Execute;
import dev.witness.proxy.pg.SqlPrepareCommand.Prepare;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlPrepareCommandTest {

  @Test
  void preparesKeepTheirBodyAndFoldUnquotedNames() {
    assertThat(SqlPrepareCommand.parse("PREPARE Get_One (int, text) AS select * from t where id = $1;"))
        .isEqualTo(new Prepare("get_one", "select * from t where id = $1"));
    assertThat(SqlPrepareCommand.parse("prepare \"Mixed\"\"Q\" as delete from t -- why\n"))
        .isEqualTo(new Prepare("Mixed\"Q", "delete from t -- why"));
  }

  @Test
  void executeArgumentsAreSplitAtTopLevelCommasOnly() {
    assertThat(SqlPrepareCommand.parse("execute q(1, 'a,b', f(2, 3), $$x,)$$, E'it\\'s', \"c\")"))
        .isEqualTo(new Execute("q", List.of("1", "'a,b'", "f(2, 3)", "$$x,)$$", "E'it\\'s'", "\"c\"")));
    assertThat(SqlPrepareCommand.parse(" /* c */ EXECUTE q ; ")).isEqualTo(new Execute("q", List.of()));
    assertThat(SqlPrepareCommand.parse("execute q()")).isEqualTo(new Execute("q", List.of()));
  }

  @Test
  void deallocateAndDiscardAll() {
    assertThat(SqlPrepareCommand.parse("DEALLOCATE q")).isEqualTo(new Deallocate("q"));
    assertThat(SqlPrepareCommand.parse("deallocate prepare q;")).isEqualTo(new Deallocate("q"));
    assertThat(SqlPrepareCommand.parse("DEALLOCATE ALL")).isEqualTo(new Deallocate(null));
    assertThat(SqlPrepareCommand.parse("deallocate prepare all")).isEqualTo(new Deallocate(null));
    assertThat(SqlPrepareCommand.parse("DISCARD ALL")).isEqualTo(new Deallocate(null));
  }

  @Test
  void anythingElseOrMoreThanOneStatementIsNotRecognised() {
    assertThat(SqlPrepareCommand.parse("select 1")).isNull();
    assertThat(SqlPrepareCommand.parse("execute q(1); delete from t")).isNull();
    assertThat(SqlPrepareCommand.parse("prepare q as select 1; execute q")).isNull();
    assertThat(SqlPrepareCommand.parse("execute q(1")).isNull();
    assertThat(SqlPrepareCommand.parse("prepare q select 1")).isNull();
    assertThat(SqlPrepareCommand.parse("discard plans")).isNull();
    assertThat(SqlPrepareCommand.parse("")).isNull();
  }
}
