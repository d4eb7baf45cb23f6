package dev.witness.proxy.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.witness.proxy.WitnessGate;
import dev.witness.proxy.auth.AgentAuthenticator;
import dev.witness.proxy.auth.AuthenticatedAgent;
import dev.witness.proxy.event.EventHeaderFactory;
import dev.witness.proxy.event.TestExchanges;
import dev.witness.proxy.pg.message.BackendMessageType;
import dev.witness.proxy.pg.message.CopyMessages.CopyData;
import dev.witness.proxy.pg.message.CopyMessages.CopyDone;
import dev.witness.proxy.pg.message.CopyMessages.CopyFail;
import dev.witness.proxy.pg.message.CopyMessages.CopyResponse;
import dev.witness.proxy.pg.message.ErrorMessages.ErrorResponse;
import dev.witness.proxy.pg.message.SessionMessages.RawMessage;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Acknowledgement;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Bind;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Execute;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Parse;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Sync;
import dev.witness.proxy.pg.message.RowMessages.CommandComplete;
import dev.witness.proxy.pg.message.RowMessages.DataRow;
import dev.witness.proxy.pg.message.RowMessages.Field;
import dev.witness.proxy.pg.message.RowMessages.RowDescription;
import dev.witness.proxy.pg.message.SessionMessages.ReadyForQuery;
import dev.witness.proxy.pg.message.SimpleQueryMessages.Query;
import dev.witness.proxy.publish.PendingReplies;
import dev.witness.proxy.publish.RecordingPublisher;
import dev.witness.proxy.publish.Replies;
import dev.witness.proxy.session.SessionSequences;
import dev.witness.schemas.config.PostgresBackendConfig;
import dev.witness.schemas.config.PostgresProxyConfig;
import dev.witness.schemas.config.ProxyConfig;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import dev.witness.schemas.event.SqlRequest;
import dev.witness.schemas.event.SqlResultHead;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A session between two EmbeddedChannels (agent, backend) with in-memory publishing: the exact
 * order of events, forwarded messages and replies for simple and extended queries, allow and deny.
 */
class PgSessionPipelineTest {

  private final RecordingPublisher publisher = new RecordingPublisher();
  private final PendingReplies replies = new PendingReplies(0);
  private final EmbeddedChannel agent = new EmbeddedChannel();
  private final EmbeddedChannel backend = new EmbeddedChannel();
  private final PgSessionHandler handler;

  PgSessionPipelineTest() {
    ProxyConfig config = new ProxyConfig(0, Duration.ofSeconds(5), null, new PostgresProxyConfig("127.0.0.1:0",
        "postgres:t", PostgresBackendConfig.defaults(), 2, 1024, null));
    EventHeaderFactory ids = TestExchanges.headers();
    PgProxyServices services = new PgProxyServices(config, new AgentAuthenticator(List.of()),
        new WitnessGate(publisher, replies, config.verdictTimeout()), ids, new PgEventFactory(ids),
        SessionSequences.isolated(10), new BackendConnector(PostgresBackendConfig.defaults(), 1 << 20, Duration.ofSeconds(1)),
        new CancelKeys(), null, new StageTimings());
    PgSession session = new PgSession("s-1", new AuthenticatedAgent("agent-a", null), "T-1", "demo", "postgres:t", 0,
        PgEventFactory.TOKEN_PASSWORD);
    PgResultRelay relay = new PgResultRelay(agent, backend, services, session);
    backend.pipeline().addLast(relay);
    handler = new PgSessionHandler(services, session, backend, relay);
    agent.pipeline().addLast(handler);
  }

  @AfterEach
  void finish() {
    agent.runPendingTasks();
    // The agent leaves first, as at the end of a session; the backend is then closed quietly.
    assertFalse(agent.finishAndReleaseAll());
    assertFalse(backend.finishAndReleaseAll());
  }

  private RequestIntercepted answer(Decision decision) throws InterruptedException {
    RequestIntercepted request = publisher.nextRequest();
    replies.dispatch(Replies.verdict(request, decision, decision == Decision.ALLOW ? List.of() : List.of("r-9"), null));
    agent.runPendingTasks();
    return request;
  }

  private ResponseChunk mask() throws InterruptedException {
    ResponseChunk chunk = publisher.nextChunk();
    replies.dispatch(Replies.unchanged(chunk));
    agent.runPendingTasks();
    return chunk;
  }

  private List<Object> drain(EmbeddedChannel ch) {
    List<Object> out = new ArrayList<>();
    for (Object m = ch.readOutbound(); m != null; m = ch.readOutbound()) {
      out.add(m);
    }
    return out;
  }

  private static DataRow row(String v) {
    return new DataRow(List.of(v.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void anAllowedQueryIsForwardedAndItsRowsComeBackInMaskedChunksInOrder() throws Exception {
    agent.writeInbound(new Query("select v from t"));
    assertThat(drain(backend)).as("nothing before the verdict").isEmpty();

    RequestIntercepted request = answer(Decision.ALLOW);
    assertThat(((SqlRequest) request.getBody()).getStatement()).isEqualTo("select v from t");
    assertThat(drain(backend)).containsExactly(new Query("select v from t"));

    RowDescription rd = new RowDescription(List.of(new Field("v", 0, (short) 0, 25, (short) -1, -1, (short) 0)));
    backend.writeInbound(rd, row("a"), row("b"), row("c"), new CommandComplete("SELECT 3"), ReadyForQuery.IDLE);
    ResponseChunk first = mask();
    assertThat(((SqlResultHead) first.getHead()).getColumns()).hasSize(1);
    assertThat(first.getLast()).isFalse();
    ResponseChunk last = mask();
    assertThat(last.getLast()).isTrue();
    assertThat(((SqlResultHead) last.getHead()).getCommandTag()).isEqualTo("SELECT 3");

    List<Object> out = drain(agent);
    assertThat(out).hasSize(5);
    assertThat(out.get(0)).isEqualTo(rd);
    assertThat(out.get(1)).isInstanceOf(ByteBuf.class);
    assertThat(out.get(2)).isInstanceOf(ByteBuf.class);
    assertThat(out.subList(3, 5)).containsExactly(new CommandComplete("SELECT 3"), ReadyForQuery.IDLE);
    out.stream().filter(ByteBuf.class::isInstance).forEach(b -> ((ByteBuf) b).release());
  }

  @Test
  void aDeniedExecuteSkipsToSyncAndTheErrorComesBeforeReadyForQuery() throws Exception {
    agent.writeInbound(new Parse("", "delete from t where id = $1", new int[] {23}),
        new Bind("", "", new short[0], List.of("7".getBytes(StandardCharsets.UTF_8)), new short[0]),
        new Execute("", 0), new Sync());
    RequestIntercepted request = answer(Decision.DENY);
    assertThat(((SqlRequest) request.getBody()).getParameters()).containsExactly("7");

    List<Object> forwarded = drain(backend);
    assertThat(forwarded).hasSize(4);
    assertThat(forwarded.get(0)).isInstanceOf(Parse.class);
    assertThat(forwarded.get(1)).isInstanceOf(Bind.class);
    assertThat(forwarded.get(2)).as("a probe that fails, never the Execute").isEqualTo(RefusalProbe.PARSE);
    assertThat(forwarded.get(3)).isEqualTo(new Sync());

    backend.writeInbound(Acknowledgement.PARSE_COMPLETE, Acknowledgement.BIND_COMPLETE,
        ErrorResponse.of("ERROR", "42601", "syntax error at or near \"WITNESS\""), ReadyForQuery.IDLE);
    List<Object> out = drain(agent);
    assertThat(out).hasSize(4);
    assertThat(out.subList(0, 2)).containsExactly(Acknowledgement.PARSE_COMPLETE, Acknowledgement.BIND_COMPLETE);
    assertThat(out.get(2)).isInstanceOfSatisfying(ErrorResponse.class, e -> {
      assertThat(e.sqlState()).isEqualTo("42501");
      assertThat(e.message()).contains("r-9");
    });
    assertThat(out.get(3)).isEqualTo(ReadyForQuery.IDLE);
  }

  @Test
  void aDeniedQueryInsideATransactionAbortsItLikeAnyError() throws Exception {
    agent.writeInbound(new Query("drop table t"));
    answer(Decision.DENY);

    assertThat(drain(backend)).containsExactly(RefusalProbe.PARSE, new Sync());
    ReadyForQuery failedTransaction = new ReadyForQuery((byte) 'E');
    backend.writeInbound(ErrorResponse.of("ERROR", "42601", "syntax error"), failedTransaction);
    List<Object> out = drain(agent);
    assertThat(out).hasSize(2);
    assertThat(((ErrorResponse) out.get(0)).sqlState()).isEqualTo("42501");
    assertThat(out.get(1)).isEqualTo(failedTransaction);
  }

  @Test
  void aStatementHeldForApprovalThatTheAgentCancelsIsAnsweredAsCancelled57014() throws Exception {
    agent.writeInbound(new Query("alter table t add column c text"));
    handler.cancelHeld();
    answer(Decision.REQUIRE_APPROVAL);

    assertThat(drain(backend)).containsExactly(RefusalProbe.PARSE, new Sync());
    backend.writeInbound(ErrorResponse.of("ERROR", "42601", "syntax error"), ReadyForQuery.IDLE);
    List<Object> out = drain(agent);
    assertThat(out).hasSize(2);
    ErrorResponse cancelled = (ErrorResponse) out.get(0);
    assertThat(cancelled.sqlState()).isEqualTo("57014");
    assertThat(cancelled.message()).contains("canceling statement due to user request").contains("appr-1");
    assertThat(out.get(1)).isEqualTo(ReadyForQuery.IDLE);
  }

  @Test
  void aStatementHeldForApprovalThatTheAgentDidNotCancelIsStillARefusal42501() throws Exception {
    agent.writeInbound(new Query("alter table t add column c text"));
    answer(Decision.REQUIRE_APPROVAL);

    assertThat(drain(backend)).containsExactly(RefusalProbe.PARSE, new Sync());
    backend.writeInbound(ErrorResponse.of("ERROR", "42601", "syntax error"), ReadyForQuery.IDLE);
    List<Object> out = drain(agent);
    assertThat(((ErrorResponse) out.get(0)).sqlState()).isEqualTo("42501");
    assertThat(((ErrorResponse) out.get(0)).message()).contains("appr-1").contains("pending");
  }

  @Test
  void aRowlessCommandIsRecordedWithItsTagBeforeTheAgentGetsIt() throws Exception {
    agent.writeInbound(new Query("insert into t values (1)"));
    answer(Decision.ALLOW);
    drain(backend);

    backend.writeInbound(new CommandComplete("INSERT 0 1"), ReadyForQuery.IDLE);

    assertThat(drain(agent)).containsExactly(new CommandComplete("INSERT 0 1"), ReadyForQuery.IDLE);
    ResponseChunk recorded = publisher.nextChunk();
    assertThat(recorded.getLast()).isTrue();
    assertThat(((SqlResultHead) recorded.getHead()).getCommandTag()).isEqualTo("INSERT 0 1");
    assertThat(recorded.getPayload().remaining()).isZero();
  }

  @Test
  void whenARowlessOutcomeCannotBeRecordedTheAgentNeverGetsTheTag() throws Exception {
    agent.writeInbound(new Query("update t set v = 1"));
    answer(Decision.ALLOW);
    drain(backend);
    publisher.failWith(new IllegalStateException("broker down"));

    backend.writeInbound(new CommandComplete("UPDATE 3"), ReadyForQuery.IDLE);
    agent.runPendingTasks();

    List<Object> out = drain(agent);
    assertThat(out).hasSize(1);
    assertThat(out.getFirst()).isInstanceOfSatisfying(ErrorResponse.class, e -> {
      assertThat(e.sqlState()).isEqualTo("08006");
      assertThat(e.message()).contains("Witness cannot record this result");
    });
  }

  @Test
  void copyInDataIsRecordedAsChunksOfTheCopyStatementBeforeItIsForwarded() throws Exception {
    agent.writeInbound(new Query("copy t from stdin"));
    RequestIntercepted copy = answer(Decision.ALLOW);
    assertThat(drain(backend)).containsExactly(new Query("copy t from stdin"));
    backend.writeInbound(new CopyResponse(BackendMessageType.COPY_IN_RESPONSE, (byte) 0, new short[] {0}));
    assertThat(drain(agent)).hasSize(1);

    agent.writeInbound(new CopyData("1\tann\n".getBytes(StandardCharsets.UTF_8)),
        new CopyData("2\tbob\n".getBytes(StandardCharsets.UTF_8)), new CopyDone());
    assertThat(drain(backend)).as("nothing before it is recorded").isEmpty();
    ResponseChunk data = publisher.nextChunk();
    assertThat(data.getRequestId()).isEqualTo(copy.getRequestId());
    assertThat(data.getContentType()).isEqualTo(PgEventFactory.WIRE_COPY_IN);
    assertThat(data.getChunkIndex()).isZero();
    assertThat(data.getLast()).isFalse();
    assertThat(WireRows.count(data.getPayload())).isEqualTo(2);
    assertThat(drain(backend)).as("still waiting for the masked form").isEmpty();

    replies.dispatch(Replies.unchanged(data));
    agent.runPendingTasks();
    List<Object> forwarded = drain(backend);
    assertThat(forwarded).hasSize(3);
    assertThat(forwarded.get(2)).isEqualTo(new CopyDone());

    backend.writeInbound(new CommandComplete("COPY 2"), ReadyForQuery.IDLE);
    ResponseChunk done = publisher.nextChunk();
    assertThat(done.getChunkIndex()).isEqualTo(1);
    assertThat(done.getLast()).isTrue();
    assertThat(((SqlResultHead) done.getHead()).getCommandTag()).isEqualTo("COPY 2");
    assertThat(drain(agent)).containsExactly(new CommandComplete("COPY 2"), ReadyForQuery.IDLE);
  }

  @Test
  void copyDataLargerThanAChunkIsCutSoEveryRecordStaysWithinTheChunkSize() throws Exception {
    agent.writeInbound(new Query("copy t from stdin"));
    answer(Decision.ALLOW);
    drain(backend);
    backend.writeInbound(new CopyResponse(BackendMessageType.COPY_IN_RESPONSE, (byte) 0, new short[] {0}));
    drain(agent);

    byte[] big = new byte[3000];
    java.util.Arrays.fill(big, (byte) 'x');
    agent.writeInbound(new CopyData(big), new CopyDone());
    int total = 0;
    for (ResponseChunk c = publisher.nextChunk(); c != null; c = publisher.nextChunk()) {
      assertThat(c.getPayload().remaining()).isLessThanOrEqualTo(1024);
      total += c.getPayload().remaining() - 5 * WireRows.count(c.getPayload());
      replies.dispatch(Replies.unchanged(c));
      agent.runPendingTasks();
    }
    assertThat(total).isEqualTo(3000);
    List<Object> forwarded = drain(backend);
    assertThat(forwarded.getLast()).isEqualTo(new CopyDone());
    assertThat(forwarded.stream().filter(CopyData.class::isInstance).mapToInt(d -> ((CopyData) d).data().length).sum())
        .isEqualTo(3000);
  }

  @Test
  void whenCopyDataCannotBeRecordedTheCopyIsAbortedAndTheAgentToldWhy() throws Exception {
    agent.writeInbound(new Query("copy t from stdin"));
    answer(Decision.ALLOW);
    drain(backend);
    backend.writeInbound(new CopyResponse(BackendMessageType.COPY_IN_RESPONSE, (byte) 0, new short[] {0}));
    drain(agent);
    publisher.failWith(new IllegalStateException("broker down"));

    agent.writeInbound(new CopyData("1\n".getBytes(StandardCharsets.UTF_8)), new CopyDone());
    agent.runPendingTasks();
    List<Object> forwarded = drain(backend);
    assertThat(forwarded).hasSize(1);
    assertThat(forwarded.getFirst()).isInstanceOf(CopyFail.class);

    publisher.failWith(null);
    backend.writeInbound(ErrorResponse.of("ERROR", "57014", "COPY from stdin failed: Witness cannot record the COPY data"),
        ReadyForQuery.IDLE);
    List<Object> out = drain(agent);
    assertThat(out).hasSize(2);
    assertThat(out.getFirst()).isInstanceOfSatisfying(ErrorResponse.class, e -> {
      assertThat(e.sqlState()).isEqualTo("08006");
      assertThat(e.message()).contains("the COPY was aborted and none of it was stored");
    });
    assertThat(publisher.nextChunk().getError()).contains("57014");
  }

  @Test
  void copyDataWhoseMaskedFormWasWithheldIsNotForwarded() throws Exception {
    agent.writeInbound(new Query("copy t from stdin"));
    answer(Decision.ALLOW);
    drain(backend);
    backend.writeInbound(new CopyResponse(BackendMessageType.COPY_IN_RESPONSE, (byte) 0, new short[] {0}));
    drain(agent);

    agent.writeInbound(new CopyData("1\n".getBytes(StandardCharsets.UTF_8)), new CopyDone());
    ResponseChunk data = publisher.nextChunk();
    replies.dispatch(dev.witness.schemas.event.MaskedChunk.newBuilder(Replies.unchanged(data))
        .setPayload(java.nio.ByteBuffer.allocate(0)).setError("withheld: cannot parse").build());
    agent.runPendingTasks();

    List<Object> forwarded = drain(backend);
    assertThat(forwarded).hasSize(1);
    assertThat(forwarded.getFirst()).isInstanceOf(CopyFail.class);
  }

  @Test
  void aSqlExecuteIsRecordedWithTheTextItsSuccessfulPrepareGaveIt() throws Exception {
    agent.writeInbound(new Query("PREPARE del(int) AS delete from t where id = $1"));
    answer(Decision.ALLOW);
    drain(backend);
    backend.writeInbound(new CommandComplete("PREPARE"), ReadyForQuery.IDLE);
    drain(agent);
    agent.writeInbound(new Query("PREPARE bad AS selec"));
    answer(Decision.ALLOW);
    drain(backend);
    backend.writeInbound(ErrorResponse.of("ERROR", "42601", "syntax error"), ReadyForQuery.IDLE);
    drain(agent);

    agent.writeInbound(new Query("EXECUTE del(7)"));
    SqlRequest executed = (SqlRequest) answer(Decision.ALLOW).getBody();
    assertThat(executed.getStatement()).isEqualTo("delete from t where id = $1");
    assertThat(executed.getParameters()).containsExactly("7");
    assertThat(executed.getPreparedStatementName()).isEqualTo("del");
    assertThat(drain(backend)).as("the agent's own text goes to the backend").containsExactly(new Query("EXECUTE del(7)"));
    backend.writeInbound(new CommandComplete("DELETE 1"), ReadyForQuery.IDLE);
    drain(agent);

    agent.writeInbound(new Query("execute bad"));
    assertThat(((SqlRequest) answer(Decision.ALLOW).getBody()).getStatement()).as("never prepared").isEqualTo("execute bad");
    drain(backend);
    backend.writeInbound(ErrorResponse.of("ERROR", "26000", "prepared statement \"bad\" does not exist"),
        ReadyForQuery.IDLE);
    drain(agent);

    agent.writeInbound(new Query("DEALLOCATE del"));
    answer(Decision.ALLOW);
    drain(backend);
    backend.writeInbound(new CommandComplete("DEALLOCATE"), ReadyForQuery.IDLE);
    drain(agent);
    agent.writeInbound(new Query("EXECUTE del(8)"));
    assertThat(((SqlRequest) answer(Decision.ALLOW).getBody()).getStatement()).isEqualTo("EXECUTE del(8)");
    drain(backend);
  }

  @Test
  void anExecuteIsNeverRecordedWithTextThatAnEarlierStatementMayHaveReplaced() throws Exception {
    agent.writeInbound(new Query("PREPARE q AS select 1"));
    answer(Decision.ALLOW);
    drain(backend);
    backend.writeInbound(new CommandComplete("PREPARE"), ReadyForQuery.IDLE);
    drain(agent);

    // Pipelined: whatever these do, the EXECUTE after them is recorded as sent.
    agent.writeInbound(new Query("select 2; DEALLOCATE q; PREPARE q AS delete from t"), new Query("EXECUTE q"));
    RequestIntercepted multi = publisher.nextRequest();
    RequestIntercepted execute = publisher.nextRequest();
    assertThat(((SqlRequest) execute.getBody()).getStatement()).isEqualTo("EXECUTE q");
    replies.dispatch(Replies.allow(multi));
    replies.dispatch(Replies.allow(execute));
    agent.runPendingTasks();
    drain(backend);
    backend.writeInbound(new CommandComplete("PREPARE"), ReadyForQuery.IDLE, new CommandComplete("DELETE 0"),
        ReadyForQuery.IDLE);
    drain(agent);

    agent.writeInbound(new Query("PREPARE r AS select 1"), new Query("DEALLOCATE r"), new Query("PREPARE r AS select 2"),
        new Query("EXECUTE r"));
    List<RequestIntercepted> four = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      four.add(publisher.nextRequest());
    }
    assertThat(((SqlRequest) four.get(3).getBody()).getStatement()).isEqualTo("EXECUTE r");
    four.forEach(r -> replies.dispatch(Replies.allow(r)));
    agent.runPendingTasks();
    drain(backend);
    backend.writeInbound(new CommandComplete("PREPARE"), ReadyForQuery.IDLE, new CommandComplete("DEALLOCATE"),
        ReadyForQuery.IDLE, new CommandComplete("PREPARE"), ReadyForQuery.IDLE);
    drain(agent);
    agent.writeInbound(new Query("EXECUTE r"));
    assertThat(((SqlRequest) answer(Decision.ALLOW).getBody()).getStatement())
        .as("only the last PREPARE, completed with nothing taken in after it, counts").isEqualTo("select 2");
    drain(backend);
  }

  @Test
  void theFunctionCallMessageIsRefusedAsNotSupported() throws Exception {
    agent.writeInbound(new RawMessage((byte) 'F', new byte[] {0, 0, 4, 0, 0, 0, 0, 0, 0, 0}));
    assertThat(drain(backend)).containsExactly(RefusalProbe.PARSE, new Sync());
    assertThat(publisher.isEmpty()).as("nothing to record a statement from").isTrue();
    backend.writeInbound(ErrorResponse.of("ERROR", "42601", "syntax error"), ReadyForQuery.IDLE);
    List<Object> out = drain(agent);
    assertThat(out).hasSize(2);
    assertThat(out.getFirst()).isInstanceOfSatisfying(ErrorResponse.class, e -> {
      assertThat(e.sqlState()).isEqualTo("0A000");
      assertThat(e.message()).contains("function call protocol");
    });
  }

  @Test
  void pipelinedStatementsAreRecordedAtOnceButForwardedInTheAgentsOrder() throws Exception {
    agent.writeInbound(new Query("select 1"), new Query("select 2"));
    RequestIntercepted first = publisher.nextRequest();
    RequestIntercepted second = publisher.nextRequest();
    assertThat(first.getHeader().getSequence()).isLessThan(second.getHeader().getSequence());

    replies.dispatch(Replies.allow(second));
    agent.runPendingTasks();
    assertThat(drain(backend)).as("the second waits for the first").isEmpty();
    replies.dispatch(Replies.allow(first));
    agent.runPendingTasks();
    assertThat(drain(backend)).containsExactly(new Query("select 1"), new Query("select 2"));
  }

  @Test
  void afterARefusedExecuteTheRestOfItsSequenceIsSkippedAndRecordedAsNotExecuted() throws Exception {
    agent.writeInbound(new Parse("", "update t set v = $1", new int[0]),
        new Bind("", "", new short[0], List.of("a".getBytes(StandardCharsets.UTF_8)), new short[0]),
        new Execute("", 0),
        new Bind("", "", new short[0], List.of("b".getBytes(StandardCharsets.UTF_8)), new short[0]),
        new Execute("", 0), new Sync());
    RequestIntercepted first = publisher.nextRequest();
    RequestIntercepted second = publisher.nextRequest();
    replies.dispatch(Replies.verdict(first, Decision.DENY, List.of("r-1"), null));
    replies.dispatch(Replies.allow(second));
    agent.runPendingTasks();

    List<Object> forwarded = drain(backend);
    assertThat(forwarded).hasSize(4);
    assertThat(forwarded.subList(2, 4)).containsExactly(RefusalProbe.PARSE, new Sync());
    ResponseChunk skipped = publisher.nextChunk();
    assertThat(skipped.getRequestId()).isEqualTo(second.getRequestId());
    assertThat(skipped.getError()).contains("not executed");
  }

  @Test
  void theResultsOfAMultiStatementQueryContinueOneChunkSequence() throws Exception {
    agent.writeInbound(new Query("insert into t values (1); select 1"));
    answer(Decision.ALLOW);
    drain(backend);
    RowDescription rd = new RowDescription(List.of(new Field("?column?", 0, (short) 0, 23, (short) 4, -1, (short) 0)));

    backend.writeInbound(new CommandComplete("INSERT 0 1"), rd, row("1"), new CommandComplete("SELECT 1"),
        ReadyForQuery.IDLE);
    ResponseChunk insert = publisher.nextChunk();
    ResponseChunk select = mask();

    assertThat(insert.getChunkIndex()).isZero();
    assertThat(select.getChunkIndex()).isEqualTo(1);
    assertThat(select.getRequestId()).isEqualTo(insert.getRequestId());
    assertThat(((SqlResultHead) select.getHead()).getColumns()).hasSize(1);
    List<Object> out = drain(agent);
    assertThat(out).hasSize(5);
    out.stream().filter(ByteBuf.class::isInstance).forEach(b -> ((ByteBuf) b).release());
  }
}
