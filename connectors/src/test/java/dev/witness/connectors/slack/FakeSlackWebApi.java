package dev.witness.connectors.slack;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * Stands in for Slack's cloud in tests: a local HTTP server speaking the Slack Web API wire
 * protocol for the methods Witness calls (auth.test, chat.postMessage, chat.update,
 * chat.postEphemeral, users.info, views.open). Requests are form-encoded or JSON with a Bearer
 * token; answers are HTTP 200 with {@code {"ok":true,...}} or {@code {"ok":false,"error":...}}.
 */
public final class FakeSlackWebApi implements AutoCloseable {

  public static final String TEAM_ID = "T0WITNESS";
  public static final String BOT_USER_ID = "U0WITNESSBOT";

  /** One Web API call as received: method name, bearer token and parameters (JSON-valued ones as text). */
  public record Call(String method, String token, Map<String, String> params, Map<String, Object> answer) {

    public JsonNode json(String param) {
      try {
        return JSON.readTree(params.get(param));
      } catch (IOException e) {
        throw new AssertionError(param + " is not JSON: " + params.get(param), e);
      }
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final String botToken;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, String> emails = new ConcurrentHashMap<>();
  private final Map<String, Queue<String>> failures = new ConcurrentHashMap<>();
  private final AtomicLong ts = new AtomicLong(1_700_000_000_000100L);

  public FakeSlackWebApi(String botToken) throws IOException {
    this.botToken = botToken;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/", this::serve);
    server.start();
  }

  /** Base URL to configure as {@code approvals.slack.apiUrl}. */
  public String apiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
  }

  public void addUser(String userId, String email) {
    emails.put(userId, email);
  }

  /** The next call of {@code method} answers {@code {"ok":false,"error":error}}. */
  public void failNext(String method, String error) {
    failures.computeIfAbsent(method, m -> new ConcurrentLinkedQueue<>()).add(error);
  }

  public List<Call> calls(String method) {
    return calls.stream().filter(c -> c.method().equals(method)).toList();
  }

  /** Waits for a call of {@code method} matching {@code test} and returns it. */
  public Call await(String method, Predicate<Call> test) {
    return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
        .until(() -> calls(method).stream().filter(test).findFirst(), java.util.Optional::isPresent).orElseThrow();
  }

  private void serve(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestURI().getPath().substring("/api/".length());
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
    Map<String, String> params = contentType.startsWith("application/json") ? jsonParams(body) : formParams(body);
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : params.get("token");
    Map<String, Object> answer;
    if (token == null) {
      answer = error("not_authed");
    } else if (!token.equals(botToken)) {
      answer = error("invalid_auth");
    } else if (failures.containsKey(method) && !failures.get(method).isEmpty()) {
      answer = error(failures.get(method).poll());
    } else {
      answer = answer(method, params);
    }
    calls.add(new Call(method, token, params, answer));
    byte[] out = JSON.writeValueAsBytes(answer);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    if (method.equals("auth.test")) {
      exchange.getResponseHeaders().add("x-oauth-scopes", "chat:write,users:read,users:read.email");
    }
    exchange.sendResponseHeaders(200, out.length);
    exchange.getResponseBody().write(out);
    exchange.close();
  }

  private Map<String, Object> answer(String method, Map<String, String> p) {
    Map<String, Object> ok = new LinkedHashMap<>();
    ok.put("ok", true);
    switch (method) {
      case "auth.test" -> {
        ok.put("url", "https://witness-test.slack.com/");
        ok.put("team", "Witness Test");
        ok.put("user", "witness");
        ok.put("team_id", TEAM_ID);
        ok.put("user_id", BOT_USER_ID);
        ok.put("bot_id", "B0WITNESS");
        ok.put("is_enterprise_install", false);
      }
      case "chat.postMessage" -> {
        if (p.get("channel") == null) {
          return error("channel_not_found");
        }
        String messageTs = nextTs();
        ok.put("channel", p.get("channel"));
        ok.put("ts", messageTs);
        ok.put("message", Map.of("type", "message", "ts", messageTs, "text", p.getOrDefault("text", ""),
            "bot_id", "B0WITNESS", "user", BOT_USER_ID));
      }
      case "chat.update" -> {
        if (p.get("channel") == null || p.get("ts") == null) {
          return error("message_not_found");
        }
        ok.put("channel", p.get("channel"));
        ok.put("ts", p.get("ts"));
        ok.put("text", p.getOrDefault("text", ""));
      }
      case "chat.postEphemeral" -> {
        if (p.get("channel") == null || p.get("user") == null) {
          return error("invalid_arguments");
        }
        ok.put("message_ts", nextTs());
      }
      case "users.info" -> {
        String email = emails.get(p.get("user"));
        if (email == null) {
          return error("user_not_found");
        }
        ok.put("user", Map.of("id", p.get("user"), "team_id", TEAM_ID, "name", email.substring(0, email.indexOf('@')),
            "is_bot", false, "profile", Map.of("email", email, "real_name", "Test Approver")));
      }
      case "views.open" -> {
        if (p.get("trigger_id") == null) {
          return error("invalid_trigger_id");
        }
        ok.put("view", Map.of("id", "V" + nextTs().replace(".", ""), "team_id", TEAM_ID, "type", "modal"));
      }
      default -> {
        return error("unknown_method");
      }
    }
    return ok;
  }

  private String nextTs() {
    long v = ts.incrementAndGet();
    return (v / 1_000_000) + "." + String.format("%06d", v % 1_000_000);
  }

  private static Map<String, Object> error(String code) {
    return Map.of("ok", false, "error", code);
  }

  private static Map<String, String> formParams(String body) {
    Map<String, String> params = new HashMap<>();
    if (body.isEmpty()) {
      return params;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.put(key, value);
    }
    return params;
  }

  private static Map<String, String> jsonParams(String body) {
    try {
      Map<String, JsonNode> tree = JSON.readValue(body, new TypeReference<Map<String, JsonNode>>() {});
      Map<String, String> params = new HashMap<>();
      tree.forEach((k, v) -> params.put(k, v.isTextual() ? v.asText() : v.toString()));
      return params;
    } catch (IOException e) {
      return new HashMap<>(Map.of("_invalid_json", body));
    }
  }

  /** Every recorded call, for failure messages. */
  public List<Call> allCalls() {
    return new ArrayList<>(calls);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
