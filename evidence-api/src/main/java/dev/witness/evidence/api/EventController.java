package dev.witness.evidence.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.witness.evidence.api.PageCursor.TimePosition;
import dev.witness.evidence.store.EventQuery;
import dev.witness.evidence.store.LedgerEntryDao;
import dev.witness.evidence.store.ListedEvent;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The auditor's event listing across sessions. */
final class EventController {

  private static final Set<String> PARAMS = params();

  private final LedgerEntryDao ledger;

  private EventController(LedgerEntryDao ledger) {
    this.ledger = ledger;
  }

  static void register(Javalin app, LedgerEntryDao ledger) {
    EventController c = new EventController(ledger);
    app.get("/v1/events", c::list, ApiRole.AUDITOR);
  }

  /** A page of events, oldest first; {@code next} is absent on the last page. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ListPage(List<RawValue> events, String next) {}

  void list(Context ctx) {
    QueryParams params = QueryParams.of(ctx, PARAMS);
    Filters f = Filters.of(params);
    String cursor = params.text("cursor");
    TimePosition after = cursor == null ? null : PageCursor.time(cursor);
    EventQuery query = new EventQuery(f.agent(), f.resource(), params.text("session"),
        params.oneOf("type", Filters.TYPES), f.from(), f.to(), f.risk(), f.decision(),
        after == null ? null : after.eventTime(), after == null ? null : after.partition(),
        after == null ? null : after.entrySequence(), params.limit());
    List<ListedEvent> rows = ledger.events(query.probingNextPage());
    boolean more = rows.size() > query.limit();
    List<ListedEvent> page = more ? rows.subList(0, query.limit()) : rows;
    String next = null;
    if (more) {
      ListedEvent last = page.get(page.size() - 1);
      next = PageCursor.encode(new TimePosition(last.eventTime(), last.ledgerPartition(), last.entrySequence()));
    }
    ctx.json(new ListPage(page.stream().map(e -> new RawValue(e.eventJson())).toList(), next));
  }

  private static Set<String> params() {
    Set<String> names = new HashSet<>(Filters.NAMES);
    names.addAll(Set.of("session", "type", "limit", "cursor"));
    return Set.copyOf(names);
  }
}
