package dev.witness.connectors.slack;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Mounts the interaction handler on a Javalin app the way the evidence API does. */
final class SlackRoute {

  static final String PATH = "/slack/events";

  private SlackRoute() {}

  static Javalin mount(Javalin app, SlackInteractionHandler handler) {
    return app.post(PATH, ctx -> {
      SlackHttpResponse r = handler.handle(ctx.method().name(), ctx.path(), ctx.queryString(), headers(ctx), ctx.body());
      r.headers().forEach((name, values) -> values.forEach(v -> ctx.res().addHeader(name, v)));
      ctx.status(r.status()).contentType(r.contentType()).result(r.body());
    });
  }

  private static Map<String, List<String>> headers(Context ctx) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    ctx.headerMap().forEach((name, value) -> headers.put(name, List.of(value)));
    return headers;
  }
}
