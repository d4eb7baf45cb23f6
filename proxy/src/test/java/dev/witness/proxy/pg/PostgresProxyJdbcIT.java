package dev.witness.proxy.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.witness.schemas.event.AuthenticationOutcome;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import dev.witness.schemas.event.SqlRequest;
import dev.witness.schemas.event.SqlResultHead;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** pgJDBC through the PostgreSQL proxy against embedded PostgreSQL, Kafka and the schema registry. */
class PostgresProxyJdbcIT {

  @AutoClose
  private static PgProxyFixture fx;

  @BeforeAll
  static void start() throws SQLException {
    fx = PgProxyFixture.start("pg_jdbc");
    try (Connection c = fx.direct(); Statement s = c.createStatement()) {
      s.execute("create table customers (id int primary key, name text, ssn text)");
      s.execute("insert into customers values (1, 'Ada Lovelace', '123-45-6789'), (2, 'Alan Turing', '987-65-4321')");
      s.execute("create table big as select g as id, md5(g::text) as v from generate_series(1, 2500) g");
      s.execute("create table items (id int, label text)");
      s.execute("create table copy_target (id int, label text)");
    }
  }

  @Test
  void aSelectReturnsMaskedRowsAndIsRecordedWithPurposeAndResult() throws SQLException {
    try (Connection c = fx.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select id, name, ssn from customers order by id")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("name")).isEqualTo("Ada Lovelace");
      assertThat(rs.getString("ssn")).isEqualTo("***-**-****");
      assertThat(rs.next()).isTrue();
      assertThat(rs.next()).isFalse();
    }
    RequestIntercepted event = fx.events(q -> q.getStatement().equals("select id, name, ssn from customers order by id"))
        .getFirst();
    assertThat(event.getHeader().getPurpose()).isEqualTo("IT-42");
    assertThat(event.getHeader().getAgent().getId()).isEqualTo(PgProxyFixture.AGENT);
    assertThat(event.getHeader().getResource()).isEqualTo("postgres:it");
    assertThat(((SqlRequest) event.getBody()).getDatabase()).isEqualTo(fx.database);
    ResponseChunk chunk = await().atMost(Duration.ofSeconds(5)).until(() -> chunksOf(event), l -> !l.isEmpty()).getFirst();
    SqlResultHead head = (SqlResultHead) chunk.getHead();
    assertThat(head.getColumns()).extracting(col -> col.getName()).containsExactly("id", "name", "ssn");
    assertThat(head.getCommandTag()).isEqualTo("SELECT 2");
    assertThat(chunk.getLast()).isTrue();
    assertThat(chunk.getContentType()).isEqualTo(PgEventFactory.WIRE_ROWS);
  }

  @Test
  void preparedStatementsWorkAcrossTheServerPrepareThresholdWithRecordedParameters() throws SQLException {
    try (Connection c = fx.connect();
        PreparedStatement ps = c.prepareStatement("select name from customers where id = ? and name <> ?")) {
      for (int i = 0; i < 8; i++) {
        ps.setInt(1, 1 + i % 2);
        ps.setString(2, "nobody-" + i);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo(i % 2 == 0 ? "Ada Lovelace" : "Alan Turing");
        }
      }
    }
    List<SqlRequest> recorded = fx.recorded("select name from customers where id = $1 and name <> $2");
    assertThat(recorded).hasSize(8);
    assertThat(recorded.get(7).getParameters()).containsExactly("2", "nobody-7");
    assertThat(recorded.get(7).getPreparedStatementName()).as("server-prepared after 5 uses").isNotNull();
  }

  @Test
  void batchesAndRollbackWork() throws SQLException {
    try (Connection c = fx.connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("insert into items values (?, ?)")) {
        for (int i = 0; i < 50; i++) {
          ps.setInt(1, i);
          ps.setString(2, "item-" + i);
          ps.addBatch();
        }
        assertThat(ps.executeBatch()).hasSize(50);
      }
      c.rollback();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from items")) {
        rs.next();
        assertThat(rs.getInt(1)).isZero();
      }
      try (PreparedStatement ps = c.prepareStatement("insert into items values (?, ?)")) {
        ps.setInt(1, 1);
        ps.setString(2, "kept");
        ps.executeUpdate();
      }
      c.commit();
    }
    try (Connection c = fx.direct(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select label from items")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("kept");
    }
  }

  @Test
  void binaryTypesRoundTrip() throws SQLException {
    UUID id = UUID.randomUUID();
    OffsetDateTime at = OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 123_456_000, ZoneOffset.UTC);
    Properties binary = new Properties();
    binary.setProperty("binaryTransfer", "true");
    binary.setProperty("prepareThreshold", "-1");
    try (Connection c = fx.connect(PgProxyFixture.TOKEN, binary); PreparedStatement ps = c.prepareStatement(
        "select ?::int4, ?::numeric, ?::timestamptz, ?::bytea, ?::uuid, ?::int4[], ?::jsonb, ?::int8")) {
      Array ints = c.createArrayOf("int4", new Integer[] {1, 2, 3});
      ps.setInt(1, 42);
      ps.setBigDecimal(2, new BigDecimal("12345.6789"));
      ps.setObject(3, at);
      ps.setBytes(4, new byte[] {0, 1, (byte) 0xff});
      ps.setObject(5, id);
      ps.setArray(6, ints);
      ps.setString(7, "{\"a\": [1, 2]}");
      ps.setLong(8, 1L << 40);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(42);
        assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("12345.6789");
        assertThat(rs.getObject(3, OffsetDateTime.class).toInstant()).isEqualTo(at.toInstant());
        assertThat(rs.getBytes(4)).containsExactly(0, 1, 0xff);
        assertThat(rs.getObject(5)).isEqualTo(id);
        assertThat((Integer[]) rs.getArray(6).getArray()).containsExactly(1, 2, 3);
        assertThat(rs.getString(7)).isEqualTo("{\"a\": [1, 2]}");
        assertThat(rs.getLong(8)).isEqualTo(1L << 40);
      }
    }
    List<String> params = fx.recorded("$8::int8").getLast().getParameters();
    assertThat(params).contains("42", "1099511627776", id.toString());
  }

  @Test
  void copyManagerCopyInDataIsRecordedInBoundedChunksBeforeItReachesTheDatabase() throws Exception {
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < 6000; i++) {
      data.append(i).append("\tcopied-").append(i).append(i == 7 ? " ssn 555-12-3456" : "").append('\n');
    }
    long copied;
    try (Connection c = fx.connect()) {
      copied = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI()
          .copyIn("COPY copy_target FROM STDIN", new java.io.StringReader(data.toString()));
    }
    assertThat(copied).isEqualTo(6000);
    try (Connection c = fx.direct(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*), max(label) filter (where id = 7) from copy_target")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(6000);
      assertThat(rs.getString(2)).as("the database gets the data unmasked").isEqualTo("copied-7 ssn 555-12-3456");
    }
    RequestIntercepted copy = fx.events(q -> q.getStatement().equals("COPY copy_target FROM STDIN")).getFirst();
    List<ResponseChunk> chunks = await().atMost(Duration.ofSeconds(5))
        .until(() -> chunksOf(copy), l -> l.stream().anyMatch(ResponseChunk::getLast));
    List<ResponseChunk> dataChunks = chunks.stream()
        .filter(ch -> PgEventFactory.WIRE_COPY_IN.equals(ch.getContentType())).toList();
    assertThat(dataChunks).as("several chunks, each within the chunk size").hasSizeGreaterThan(1)
        .allSatisfy(ch -> assertThat(ch.getPayload().remaining()).isLessThanOrEqualTo(64 * 1024));
    assertThat(copyPayload(dataChunks)).isEqualTo(data.toString());
    ResponseChunk last = chunks.getLast();
    assertThat(last.getChunkIndex()).isEqualTo(dataChunks.size());
    assertThat(((SqlResultHead) last.getHead()).getCommandTag()).isEqualTo("COPY 6000");
  }

  @Test
  void rowlessStatementsAreRecordedWithTheirCommandTags() throws SQLException {
    try (Connection c = fx.connect(); Statement s = c.createStatement()) {
      s.execute("SET statement_timeout = '5s'");
      s.execute("BEGIN");
      s.execute("CREATE TABLE tags_t (id int)");
      s.executeUpdate("INSERT INTO tags_t VALUES (1), (2)");
      s.executeUpdate("UPDATE tags_t SET id = id + 1");
      s.execute("COMMIT");
    }
    List<String> expected = List.of("SET", "BEGIN", "CREATE TABLE", "INSERT 0 2", "UPDATE 2", "COMMIT");
    List<String> statements = List.of("SET statement_timeout = '5s'", "BEGIN", "CREATE TABLE tags_t (id int)",
        "INSERT INTO tags_t VALUES (1), (2)", "UPDATE tags_t SET id = id + 1", "COMMIT");
    for (int i = 0; i < statements.size(); i++) {
      String sql = statements.get(i);
      RequestIntercepted event = fx.events(q -> q.getStatement().equals(sql)).getLast();
      List<ResponseChunk> chunks = await().atMost(Duration.ofSeconds(5)).until(() -> chunksOf(event), l -> !l.isEmpty());
      assertThat(((SqlResultHead) chunks.getLast().getHead()).getCommandTag()).as(sql).isEqualTo(expected.get(i));
    }
  }

  @Test
  void sqlPrepareAndExecuteRunAndExecuteIsRecordedWithThePreparedText() throws SQLException {
    try (Connection c = fx.connect(); Statement s = c.createStatement()) {
      s.execute("PREPARE by_id (int) AS select name from customers where id = $1");
      try (ResultSet rs = s.executeQuery("EXECUTE by_id(2)")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("Alan Turing");
      }
      s.execute("DEALLOCATE by_id");
      assertThatThrownBy(() -> s.executeQuery("EXECUTE by_id(1)")).isInstanceOfSatisfying(SQLException.class,
          e -> assertThat(e.getSQLState()).isEqualTo("26000"));
    }
    SqlRequest executed = fx.recorded("select name from customers where id = $1").stream()
        .filter(r -> "by_id".equals(r.getPreparedStatementName())).findFirst().orElseThrow();
    assertThat(executed.getParameters()).containsExactly("2");
    // pgJDBC may send it twice (it retries some 26000 errors): each time recorded as sent, nothing resolves.
    assertThat(fx.recorded("EXECUTE by_id(1)")).as("after DEALLOCATE nothing resolves").isNotEmpty()
        .allSatisfy(r -> assertThat(r.getPreparedStatementName()).isNull());
  }

  @Test
  void fetchSizeStreamsALargeResultInBoundedChunks() throws SQLException {
    int rows = 0;
    try (Connection c = fx.connect()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.setFetchSize(300);
        try (ResultSet rs = s.executeQuery("select id, v from big order by id")) {
          while (rs.next()) {
            rows++;
            assertThat(rs.getInt(1)).isEqualTo(rows);
          }
        }
      }
      c.commit();
    }
    assertThat(rows).isEqualTo(2500);
    List<RequestIntercepted> executes = fx.events(q -> q.getStatement().equals("select id, v from big order by id"));
    assertThat(executes).as("one Execute per fetch").hasSizeGreaterThanOrEqualTo(9);
    List<ResponseChunk> chunks = await().atMost(Duration.ofSeconds(5))
        .until(() -> executes.stream().flatMap(e -> chunksOf(e).stream()).toList(), l -> l.size() >= 25);
    assertThat(chunks).allSatisfy(ch -> assertThat(ch.getPayload().remaining()).isLessThan(64 * 1024 + 200));
  }

  @Test
  void aDeniedStatementFailsWith42501AndTheConnectionStillWorks() throws SQLException {
    try (Connection c = fx.connect(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("select 1 as witness_denied"))
          .isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("42501");
            assertThat(e.getMessage()).contains("test-rule");
          });
      try (PreparedStatement ps = c.prepareStatement("select ? as witness_denied")) {
        ps.setInt(1, 1);
        assertThatThrownBy(ps::executeQuery).isInstanceOfSatisfying(SQLException.class,
            e -> assertThat(e.getSQLState()).isEqualTo("42501"));
      }
      try (ResultSet rs = s.executeQuery("select 7")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(7);
      }
    }
  }

  @Test
  void aDeniedStatementAbortsItsTransactionLikeAnyError() throws SQLException {
    try (Connection c = fx.connect()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("insert into items values (4242, 'before the denial')");
        assertThatThrownBy(() -> s.execute("delete from items where label = 'witness_denied'"))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
        try {
          c.commit();
        } catch (SQLException e) {
          // pgJDBC may report that the server rolled the failed transaction back.
        }
      }
    }
    try (Connection c = fx.direct(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from items where id = 4242")) {
      rs.next();
      assertThat(rs.getInt(1)).as("PostgreSQL rolled the failed transaction back").isZero();
    }
  }

  @Test
  void noVerdictInTimeFailsClosedAndNothingIsForwarded() throws SQLException {
    try (Connection c = fx.connect(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("insert into items values (999, 'witness_silent')"))
          .isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("08006");
            assertThat(e.getMessage()).contains("nothing was forwarded");
          });
    }
    try (Connection c = fx.direct(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from items where id = 999")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }

  @Test
  void aWrongTokenIs28P01AndRecordedWithoutThePassword() {
    assertThatThrownBy(() -> fx.connect("not-the-token-123", new Properties()))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
    RequestIntercepted failed = await().atMost(Duration.ofSeconds(5)).until(() -> fx.responder.requests.stream()
        .filter(r -> r.getAuthentication().getOutcome() == AuthenticationOutcome.FAILED).findFirst(),
        java.util.Optional::isPresent).orElseThrow();
    assertThat(failed.getHeader().getAgent().getId()).isEqualTo("anonymous");
    assertThat(failed.getAuthentication().getReason()).contains(PgProxyFixture.AGENT);
    assertThat(new String(fx.responder.rawValues.getLast(), java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("not-the-token-123");
  }

  @Test
  void cancelReachesTheRightBackendProcess() throws Exception {
    try (Connection c = fx.connect(); Statement s = c.createStatement()) {
      var canceller = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
      try {
        canceller.schedule(() -> {
          s.cancel();
          return null;
        }, 500, java.util.concurrent.TimeUnit.MILLISECONDS);
        long started = System.nanoTime();
        assertThatThrownBy(() -> s.execute("select pg_sleep(20)"))
            .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
      } finally {
        canceller.shutdownNow();
      }
      try (ResultSet rs = s.executeQuery("select 3")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(3);
      }
    }
  }

  @Test
  void aBackendThatDiesMidResultGivesTheAgentAnErrorAndIsRecordedAsPartial() throws Exception {
    String sql = "select g, repeat('x', 200) as witness_partial, pg_sleep(case when g = 600 then 30 else 0 end) "
        + "from generate_series(1, 1000) g";
    var killer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    try (Connection c = fx.connect(); Statement s = c.createStatement()) {
      killer.schedule(() -> {
        try (Connection d = fx.direct(); Statement k = d.createStatement()) {
          k.execute("select pg_terminate_backend(pid) from pg_stat_activity "
              + "where query like '%witness_partial%' and pid <> pg_backend_pid()");
        }
        return null;
      }, 1500, java.util.concurrent.TimeUnit.MILLISECONDS);
      assertThatThrownBy(() -> s.executeQuery(sql)).isInstanceOf(SQLException.class);
    } finally {
      killer.shutdownNow();
    }
    RequestIntercepted request = fx.events(q -> q.getStatement().equals(sql)).getFirst();
    List<ResponseChunk> chunks = await().atMost(Duration.ofSeconds(5)).until(() -> chunksOf(request),
        l -> l.stream().anyMatch(ch -> ch.getError() != null));
    // PostgreSQL says why before it closes: the result ends with its FATAL error.
    assertThat(chunks.getLast().getError()).contains("57P01");
    assertThat(chunks.getLast().getLast()).isTrue();
    assertThat(chunks.size()).as("rows streamed before the failure were recorded").isGreaterThan(1);
  }

  private static List<ResponseChunk> chunksOf(RequestIntercepted request) {
    return fx.responder.chunks.stream().filter(ch -> ch.getRequestId().equals(request.getRequestId())).toList();
  }

  /** The text of the CopyData messages in {@code chunks}, in order. */
  static String copyPayload(List<ResponseChunk> chunks) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (ResponseChunk ch : chunks) {
      java.nio.ByteBuffer b = ch.getPayload().duplicate();
      while (b.hasRemaining()) {
        assertThat(b.get()).isEqualTo((byte) 'd');
        byte[] data = new byte[b.getInt() - 4];
        b.get(data);
        out.writeBytes(data);
      }
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
