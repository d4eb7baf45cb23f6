package dev.witness.proxy.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.embedded.SharedPostgres;
import dev.witness.proxy.pg.message.ErrorMessages.ErrorResponse;
import dev.witness.proxy.pg.message.PgFrameDecoder;
import dev.witness.proxy.pg.message.PgMessageEncoder;
import dev.witness.proxy.pg.message.PgWire;
import dev.witness.proxy.pg.message.StartupMessages;
import dev.witness.proxy.pg.message.StartupMessages.StartupMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** psql, pgbench and hostile raw sockets through the PostgreSQL proxy, compared with direct connections. */
class PostgresProxyClientsIT {

  @AutoClose
  private static PgProxyFixture fx;

  @BeforeAll
  static void start() throws SQLException {
    fx = PgProxyFixture.start("pg_clients");
    try (Connection c = fx.direct(); Statement s = c.createStatement()) {
      s.execute("create table customers (id int primary key, name text, born date)");
      s.execute("insert into customers values (1, 'Ada', '1815-12-10'), (2, 'Alan', '1912-06-23')");
    }
  }

  @Test
  void psqlOutputThroughWitnessEqualsADirectConnection() throws Exception {
    String script = "select * from customers order by id; select count(*) from customers; \\d customers";
    Result proxied = psql(fx.port(), PgProxyFixture.AGENT, PgProxyFixture.TOKEN, script);
    Result direct = psql(SharedPostgres.server().port(), "postgres", "", script);

    assertThat(proxied.exit()).as(proxied.err()).isZero();
    assertThat(proxied.out()).isEqualTo(direct.out()).contains("Ada").contains("Table \"public.customers\"");
    assertThat(fx.recorded("select count(*) from customers")).isNotEmpty();
    assertThat(fx.events(q -> q.getStatement().contains("select * from customers order by id")).getLast()
        .getHeader().getPurpose()).isEqualTo("t-1");
  }

  @Test
  void psqlErrorsAndDenialsLeaveTheSessionUsable() throws Exception {
    Result r = psql(fx.port(), PgProxyFixture.AGENT, PgProxyFixture.TOKEN,
        "select 1/0; select 'witness_denied'; select 'still here';");

    assertThat(r.err()).contains("division by zero").contains("denied by Witness policy");
    assertThat(r.out()).contains("still here");
  }

  @Test
  void copyOutAndInWorkThroughWitness() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("witness-copy", ".csv");
    try {
      Result out = psql(fx.port(), PgProxyFixture.AGENT, PgProxyFixture.TOKEN,
          "\\copy customers to '" + file + "' csv");
      assertThat(out.exit()).as(out.err()).isZero();
      assertThat(java.nio.file.Files.readString(file)).contains("1,Ada,1815-12-10");
      Result in = psql(fx.port(), PgProxyFixture.AGENT, PgProxyFixture.TOKEN,
          "create table customers_copy (like customers); \\copy customers_copy from '" + file + "' csv");
      assertThat(in.exit()).as(in.err()).isZero();
      assertThat(in.out()).contains("COPY 2");
    } finally {
      java.nio.file.Files.deleteIfExists(file);
    }
  }

  @Test
  void psqlCopyFromRecordsTheDataBeforeItReachesTheDatabase() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("witness-copy-in", ".csv");
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      csv.append(1000 + i).append(",copied person ").append(i).append(",2001-01-01\n");
    }
    java.nio.file.Files.writeString(file, csv);
    try {
      Result in = psql(fx.port(), PgProxyFixture.AGENT, PgProxyFixture.TOKEN,
          "create table customers_in (like customers); \\copy customers_in from '" + file + "' csv");
      assertThat(in.exit()).as(in.err()).isZero();
      assertThat(in.out()).contains("COPY 3000");
    } finally {
      java.nio.file.Files.deleteIfExists(file);
    }
    try (Connection c = fx.direct(); Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("select count(*) from customers_in")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(3000);
    }
    var copy = fx.events(q -> q.getStatement().startsWith("COPY  customers_in FROM STDIN")
        || q.getStatement().matches("(?i)copy\\s+customers_in\\s+from\\s+stdin.*")).getFirst();
    var chunks = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
        .until(() -> fx.responder.chunks.stream().filter(ch -> ch.getRequestId().equals(copy.getRequestId())).toList(),
            l -> l.stream().anyMatch(dev.witness.schemas.event.ResponseChunk::getLast));
    var data = chunks.stream().filter(ch -> PgEventFactory.WIRE_COPY_IN.equals(ch.getContentType())).toList();
    assertThat(data).hasSizeGreaterThan(1)
        .allSatisfy(ch -> assertThat(ch.getPayload().remaining()).isLessThanOrEqualTo(64 * 1024));
    assertThat(PostgresProxyJdbcIT.copyPayload(data)).isEqualTo(csv.toString());
  }

  @Test
  void psqlPrepareAndExecuteWorkAndExecuteIsRecordedWithThePreparedText() throws Exception {
    Result r = psql(fx.port(), PgProxyFixture.AGENT, PgProxyFixture.TOKEN,
        "prepare born_of(int) as select born from customers where id = $1; execute born_of(1); deallocate born_of");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("1815-12-10").contains("DEALLOCATE");
    var executed = fx.events(q -> "born_of".equals(q.getPreparedStatementName())).getFirst();
    var body = (dev.witness.schemas.event.SqlRequest) executed.getBody();
    assertThat(body.getStatement()).isEqualTo("select born from customers where id = $1");
    assertThat(body.getParameters()).containsExactly("1");
  }

  @Test
  void theLegacyFunctionCallIsRefusedWith0A000AndTheSessionGoesOn() throws Exception {
    // FunctionCall of int4abs(-5): OID 1397, one text argument; then a query to show the session survived.
    ByteBuf call = Unpooled.buffer();
    byte[] arg = "-5".getBytes(StandardCharsets.US_ASCII);
    call.writeByte('F').writeInt(4 + 4 + 2 + 2 + 2 + 4 + arg.length + 2)
        .writeInt(1397).writeShort(1).writeShort(0).writeShort(1).writeInt(arg.length).writeBytes(arg).writeShort(0);
    ByteBuf query = Unpooled.buffer();
    PgMessageEncoder.write(new dev.witness.proxy.pg.message.SimpleQueryMessages.Query("select 'after call'"), query);
    int before = fx.responder.requests.size();

    List<Object> replies = rawSession(call, query);

    ErrorResponse refused = replies.stream().filter(ErrorResponse.class::isInstance).map(ErrorResponse.class::cast)
        .findFirst().orElseThrow();
    assertThat(refused.sqlState()).isEqualTo(PgErrors.NOT_SUPPORTED);
    assertThat(refused.message()).contains("function call protocol is not supported");
    assertThat(replies).anySatisfy(m -> assertThat(m).isInstanceOf(
        dev.witness.proxy.pg.message.RowMessages.DataRow.class));
    assertThat(fx.responder.requests.size() - before).as("only the query was recorded").isEqualTo(1);
  }

  @Test
  void ctrlCInPsqlCancelsTheRunningStatement() throws Exception {
    String conn = "host=127.0.0.1 port=" + fx.port() + " user=" + PgProxyFixture.AGENT + " dbname=" + fx.database
        + " sslmode=disable";
    ProcessBuilder pb = new ProcessBuilder("/usr/bin/psql", conn, "-X", "-c", "select pg_sleep(30)");
    pb.environment().put("PGPASSWORD", PgProxyFixture.TOKEN);
    Process psql = pb.redirectErrorStream(true).start();
    Thread.sleep(1500);
    new ProcessBuilder("kill", "-INT", Long.toString(psql.pid())).start().waitFor();
    String out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(psql.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(out).contains("canceling statement due to user request");
  }

  @Test
  void aReplicationConnectionIsNotPassedOn() throws Exception {
    String conn = "host=127.0.0.1 port=" + fx.port() + " user=" + PgProxyFixture.AGENT + " dbname=" + fx.database
        + " sslmode=disable replication=database";
    ProcessBuilder pb = new ProcessBuilder("/usr/bin/psql", conn, "-X", "-c", "IDENTIFY_SYSTEM");
    pb.environment().put("PGPASSWORD", PgProxyFixture.TOKEN);
    Process psql = pb.redirectErrorStream(true).start();
    String out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(psql.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(out).as("an ordinary session rejects replication commands").contains("syntax error");
    assertThat(fx.recorded("IDENTIFY_SYSTEM")).isNotEmpty();
  }

  @Test
  void gssEncryptionAndTlsAreDeclinedAndTheSessionStartsInClear() throws Exception {
    ByteBuf out = Unpooled.buffer();
    PgMessageEncoder.write(new dev.witness.proxy.pg.message.StartupMessages.GssEncRequest(), out);
    PgMessageEncoder.write(new dev.witness.proxy.pg.message.StartupMessages.SslRequest(), out);
    try (Socket socket = new Socket("127.0.0.1", fx.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(PgWire.rest(out));
      InputStream in = socket.getInputStream();
      assertThat(in.read()).isEqualTo('N');
      assertThat(in.read()).isEqualTo('N');
    }
    List<Object> replies = rawSession(Unpooled.buffer());
    assertThat(replies).anyMatch(m -> m instanceof dev.witness.proxy.pg.message.SessionMessages.ReadyForQuery);
  }

  @Test
  void pgbenchRunsInEveryQueryMode() throws Exception {
    Result init = run(List.of("/usr/bin/pgbench", "-i", "-s", "1", "-q", "-h", "127.0.0.1", "-p", "" + fx.port(),
        "-U", PgProxyFixture.AGENT, fx.database), PgProxyFixture.TOKEN);
    assertThat(init.exit()).as(init.err()).isZero();
    for (String mode : List.of("simple", "extended", "prepared")) {
      Result bench = run(List.of("/usr/bin/pgbench", "-T", "3", "-c", "2", "-M", mode, "-h", "127.0.0.1",
          "-p", "" + fx.port(), "-U", PgProxyFixture.AGENT, fx.database), PgProxyFixture.TOKEN);
      assertThat(bench.exit()).as(mode + ": " + bench.err()).isZero();
      assertThat(bench.out()).as(mode).contains("number of failed transactions: 0");
    }
    assertThat(fx.recorded("UPDATE pgbench_accounts")).isNotEmpty();
  }

  @Test
  void garbageAfterStartupClosesTheConnectionWithAProtocolErrorAndForwardsNothing() throws Exception {
    int before = fx.responder.requests.size();
    List<Object> replies = rawSession(Unpooled.wrappedBuffer("GARBAGE!".getBytes(StandardCharsets.US_ASCII)));

    assertThat(replies.getLast()).isInstanceOfSatisfying(ErrorResponse.class,
        e -> assertThat(e.sqlState()).isEqualTo(PgErrors.PROTOCOL_VIOLATION));
    assertThat(fx.responder.requests.size()).isEqualTo(before);
  }

  @Test
  void anOversizedMessageClosesTheConnectionBeforeItsBodyIsRead() throws Exception {
    ByteBuf huge = Unpooled.buffer().writeByte('Q').writeInt(64 * 1024 * 1024);
    List<Object> replies = rawSession(huge);

    assertThat(replies.getLast()).isInstanceOfSatisfying(ErrorResponse.class,
        e -> assertThat(e.message()).contains("over the limit"));
  }

  /**
   * Logs in over a plain socket, sends one of {@code after} after each ReadyForQuery (then Terminate),
   * returns every message until the server closes.
   */
  private static List<Object> rawSession(ByteBuf... after) throws IOException {
    ByteBuf out = Unpooled.buffer();
    PgMessageEncoder.write(new StartupMessage(StartupMessages.PROTOCOL_3_0,
        Map.of("user", PgProxyFixture.AGENT, "database", fx.database)), out);
    PgMessageEncoder.write(dev.witness.proxy.pg.message.AuthenticationMessages.password(PgProxyFixture.TOKEN), out);
    try (Socket socket = new Socket("127.0.0.1", fx.port())) {
      socket.setSoTimeout(10_000);
      OutputStream os = socket.getOutputStream();
      os.write(PgWire.rest(out));
      os.flush();
      InputStream in = socket.getInputStream();
      EmbeddedChannel decoder = new EmbeddedChannel(new PgFrameDecoder(PgFrameDecoder.Side.BACKEND, 1 << 20));
      List<Object> messages = new ArrayList<>();
      int sent = 0;
      byte[] buf = new byte[8192];
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        decoder.writeInbound(Unpooled.wrappedBuffer(buf, 0, n).copy());
        for (Object m = decoder.readInbound(); m != null; m = decoder.readInbound()) {
          messages.add(m);
          if (m instanceof dev.witness.proxy.pg.message.SessionMessages.ReadyForQuery && sent <= after.length) {
            ByteBuf next = sent < after.length ? after[sent] : Unpooled.buffer();
            if (!next.isReadable()) {
              PgMessageEncoder.write(new dev.witness.proxy.pg.message.SessionMessages.Terminate(), next);
            }
            os.write(PgWire.rest(next));
            os.flush();
            sent++;
          }
        }
      }
      decoder.finishAndReleaseAll();
      return messages;
    }
  }

  private record Result(int exit, String out, String err) {}

  private static Result psql(int port, String user, String password, String script) throws Exception {
    String conn = "host=127.0.0.1 port=" + port + " user=" + user + " dbname=" + fx.database
        + " application_name=witness:purpose=t-1 sslmode=disable";
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/psql", conn, "-X", "-v", "ON_ERROR_STOP=0"));
    for (String part : script.split(";")) {
      cmd.add("-c");
      cmd.add(part.strip());
    }
    return run(cmd, password);
  }

  private static Result run(List<String> cmd, String password) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("PGPASSWORD", password);
    pb.environment().put("PGSSLMODE", "disable");
    Process p = pb.start();
    p.getOutputStream().close();
    var out = new java.util.concurrent.CompletableFuture<String>();
    Thread t = new Thread(() -> {
      try {
        out.complete(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        out.completeExceptionally(e);
      }
    });
    t.start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd);
    }
    return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS), err);
  }
}
