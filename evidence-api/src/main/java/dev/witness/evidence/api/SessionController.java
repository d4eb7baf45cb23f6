package dev.witness.evidence.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.witness.evidence.api.PageCursor.EventPosition;
import dev.witness.evidence.api.PageCursor.SessionPosition;
import dev.witness.evidence.store.LedgerEntryDao;
import dev.witness.evidence.store.SessionDao;
import dev.witness.evidence.store.SessionQuery;
import dev.witness.evidence.store.SessionRow;
import dev.witness.evidence.store.StoredEvent;
import dev.witness.evidence.replay.ReplayLines;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** The auditor's read endpoints over sessions and their events. */
final class SessionController {

  private static final Set<String> LIST_PARAMS = Set.of("agent", "resource", "from", "to", "risk", "decision",
      "limit", "cursor");
  private static final Set<String> EVENT_PARAMS = Set.of("limit", "cursor");
  private static final int REPLAY_PAGE = 500;

  private final SessionDao sessions;
  private final LedgerEntryDao ledger;

  private SessionController(SessionDao sessions, LedgerEntryDao ledger) {
    this.sessions = sessions;
    this.ledger = ledger;
  }

  /** Registers the session routes on {@code app}. */
  static void register(Javalin app, SessionDao sessions, LedgerEntryDao ledger) {
    SessionController c = new SessionController(sessions, ledger);
    app.get("/v1/sessions", c::list, ApiRole.AUDITOR);
    app.get("/v1/sessions/{id}", c::get, ApiRole.AUDITOR);
    app.get("/v1/sessions/{id}/events", c::events, ApiRole.AUDITOR);
    app.get("/v1/sessions/{id}/replay", c::replay, ApiRole.AUDITOR);
  }

  /** A page of sessions; {@code next} is absent on the last page. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record SessionPage(List<SessionDocument> sessions, String next) {}

  /** A page of a session's events in ledger order; {@code next} is absent on the last page. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record EventPage(String sessionId, List<RawValue> events, String next) {}

  void list(Context ctx) {
    QueryParams params = QueryParams.of(ctx, LIST_PARAMS);
    Filters f = Filters.of(params);
    String cursor = params.text("cursor");
    SessionPosition after = cursor == null ? null : PageCursor.session(cursor);
    SessionQuery query = new SessionQuery(f.agent(), f.resource(), f.from(), f.to(), f.risk(), f.decision(),
        after == null ? null : after.startedAt(), after == null ? null : after.sessionId(), params.limit());
    List<SessionRow> rows = sessions.list(query.probingNextPage());
    boolean more = rows.size() > query.limit();
    List<SessionRow> page = more ? rows.subList(0, query.limit()) : rows;
    String next = null;
    if (more) {
      SessionRow last = page.get(page.size() - 1);
      next = PageCursor.encode(new SessionPosition(last.startedAt(), last.sessionId()));
    }
    ctx.json(new SessionPage(page.stream().map(SessionDocument::of).toList(), next));
  }

  void get(Context ctx) {
    QueryParams.of(ctx, Set.of());
    ctx.json(SessionDocument.of(requireSession(ctx.pathParam("id"))));
  }

  void events(Context ctx) {
    QueryParams params = QueryParams.of(ctx, EVENT_PARAMS);
    String sessionId = ctx.pathParam("id");
    String cursor = params.text("cursor");
    EventPosition after = cursor == null ? EventPosition.START : PageCursor.event(cursor);
    int limit = params.limit();
    requireSession(sessionId);
    List<StoredEvent> rows = ledger.sessionEvents(sessionId, after.sessionSequence(), after.rank(), after.partition(),
        after.entrySequence(), limit + 1);
    boolean more = rows.size() > limit;
    List<StoredEvent> page = more ? rows.subList(0, limit) : rows;
    String next = null;
    if (more) {
      StoredEvent last = page.get(page.size() - 1);
      next = PageCursor.encode(new EventPosition(last.sessionSequence(), last.eventRank(), last.ledgerPartition(),
          last.entrySequence()));
    }
    // The stored document is served as stored: no re-mapping, so the API shows what was ingested.
    ctx.json(new EventPage(sessionId, page.stream().map(e -> new RawValue(e.eventJson())).toList(), next));
  }

  /**
   * The whole session as JSON lines, streamed page by page so a long session needs no more memory
   * than one page.
   */
  void replay(Context ctx) throws IOException {
    QueryParams.of(ctx, Set.of());
    String sessionId = ctx.pathParam("id");
    SessionRow session = requireSession(sessionId);
    ctx.contentType(ReplayLines.CONTENT_TYPE);
    Writer out = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8));
    out.write(ReplayLines.session(SessionDocument.of(session)));
    out.write('\n');
    EventPosition after = EventPosition.START;
    long count = 0;
    while (true) {
      List<StoredEvent> page = ledger.sessionEvents(sessionId, after.sessionSequence(), after.rank(),
          after.partition(), after.entrySequence(), REPLAY_PAGE);
      for (StoredEvent e : page) {
        out.write(ReplayLines.event(e.eventJson()));
        out.write('\n');
        count++;
      }
      if (page.size() < REPLAY_PAGE) {
        break;
      }
      StoredEvent last = page.get(page.size() - 1);
      after = new EventPosition(last.sessionSequence(), last.eventRank(), last.ledgerPartition(), last.entrySequence());
    }
    out.write(ReplayLines.end(count));
    out.write('\n');
    out.flush();
  }

  SessionRow requireSession(String sessionId) {
    return sessions.find(sessionId).orElseThrow(() -> ApiProblem.notFound("No session '" + sessionId + "'"));
  }
}
