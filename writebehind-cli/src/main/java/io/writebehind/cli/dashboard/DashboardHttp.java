package io.writebehind.cli.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.writebehind.admin.DeadLetter;
import io.writebehind.admin.DeadLetters;
import io.writebehind.cli.CliException;
import io.writebehind.cli.DlqCommand;
import io.writebehind.cli.ServerUrls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The dashboard over HTTP, on a JDK server of its own ({@code writebehind dashboard}) or a
 * worker's ({@code worker --http-port}): the page and its files, the JSON API it polls, and
 * replay and drop of dead letters.
 *
 * <p>Safety: reads need nothing (the server binds to loopback unless told otherwise); replay
 * and drop are POSTs that need the token in the {@value #TOKEN_HEADER} header, which another
 * site's page cannot send (a custom header needs a CORS preflight, and none is granted) and
 * which a cookie would carry for it. Without a token the dashboard is read-only. On loopback,
 * a Host other than a loopback name is refused: a page of another site that rebinds its name
 * to 127.0.0.1 cannot read the API either. The page builds its DOM with text only, and the
 * Content-Security-Policy allows no inline script, so a key holding markup stays text.
 */
public final class DashboardHttp {
  public static final String TOKEN_HEADER = "X-Writebehind-Token";
  private static final String RESOURCES = "/io/writebehind/cli/dashboard/";
  private static final Map<String, String> FILES = Map.of(
      "index.html", "text/html; charset=utf-8",
      "dashboard.js", "text/javascript; charset=utf-8",
      "dashboard.css", "text/css; charset=utf-8",
      "uPlot.iife.min.js", "text/javascript; charset=utf-8",
      "uPlot.min.css", "text/css; charset=utf-8");
  private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");

  private final Dashboard dashboard;
  private final byte[] token;
  private final boolean loopbackOnly;
  private final ObjectMapper json = new ObjectMapper();

  private DashboardHttp(Dashboard dashboard, String token, boolean loopbackOnly) {
    this.dashboard = dashboard;
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    this.loopbackOnly = loopbackOnly;
  }

  /**
   * Serves the dashboard at {@code /} (and {@code /api/...}) of {@code http}; {@code token}
   * null makes it read-only; {@code loopbackOnly} when the server listens on loopback.
   */
  public static void mount(HttpServer http, Dashboard dashboard, String token, boolean loopbackOnly) {
    DashboardHttp h = new DashboardHttp(dashboard, token, loopbackOnly);
    http.createContext("/", h::handle);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      ex.getResponseHeaders().set("Cache-Control", "no-store");
      ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
      if (loopbackOnly && !loopbackHost(ex.getRequestHeaders().getFirst("Host"))) {
        error(ex, 421, "this dashboard answers to 127.0.0.1 or localhost only");
        return;
      }
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      boolean post = path.equals("/api/dlq/replay") || path.equals("/api/dlq/drop");
      if (post != "POST".equals(method) || (!post && !"GET".equals(method))) {
        ex.getResponseHeaders().set("Allow", post ? "POST" : "GET");
        error(ex, 405, path + " takes " + (post ? "POST" : "GET") + " only");
        return;
      }
      Map<String, String> q = query(ex.getRequestURI().getRawQuery());
      switch (path) {
        case "/", "/index.html" -> file(ex, "index.html");
        case "/api/status" -> send(ex, 200, "application/json", dashboard.snapshot());
        case "/api/dlq" -> listDead(ex, q);
        case "/api/dlq/show" -> showDead(ex, q);
        case "/api/dlq/replay", "/api/dlq/drop" -> act(ex, q, path.endsWith("replay"));
        default -> {
          if (path.startsWith("/static/") && FILES.containsKey(path.substring(8))) {
            file(ex, path.substring(8));
          } else {
            error(ex, 404, "no such page: see /, /api/status, /api/dlq");
          }
        }
      }
    } catch (CliException e) {
      error(ex, 400, e.getMessage());
    } catch (RuntimeException e) {
      error(ex, 503, ServerUrls.scrub(Dashboard.firstLine(e)));
    }
  }

  private static boolean loopbackHost(String host) {
    if (host == null) {
      return false;
    }
    String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.replaceFirst(":\\d*$", "");
    return LOOPBACK_HOSTS.contains(name.toLowerCase(java.util.Locale.ROOT));
  }

  private DeadLetters deadLetters(Map<String, String> q) {
    DeadLetters dead = dashboard.deadLetters(q.get("namespace"));
    if (dead == null) {
      throw CliException.badInput("no such namespace '" + q.get("namespace") + "' in this Valkey");
    }
    return dead;
  }

  private void listDead(HttpExchange ex, Map<String, String> q) throws IOException {
    int limit;
    try {
      limit = Integer.parseInt(q.getOrDefault("limit", "100"));
    } catch (NumberFormatException e) {
      throw CliException.badInput("limit must be a number, was '" + q.get("limit") + "'");
    }
    if (limit < 1 || limit > 10_000) {
      throw CliException.badInput("limit must be between 1 and 10000, was " + limit);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (DeadLetter d : deadLetters(q).list(limit)) {
      out.add(DlqCommand.toJson(d, false));
    }
    sendJson(ex, 200, out);
  }

  private void showDead(HttpExchange ex, Map<String, String> q) throws IOException {
    String handle = q.get("handle");
    DlqCommand.checkHandle(handle);
    Optional<DeadLetter> d;
    try {
      d = deadLetters(q).get(handle);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput(e.getMessage());
    }
    if (d.isEmpty()) {
      error(ex, 404, "no such dead letter " + handle + " (replayed or dropped already?)");
      return;
    }
    sendJson(ex, 200, DlqCommand.toJson(d.get(), true));
  }

  private void act(HttpExchange ex, Map<String, String> q, boolean replay) throws IOException {
    if (token == null) {
      error(ex, 403, "read-only: start the dashboard with --token or $WRITEBEHIND_DASHBOARD_TOKEN to replay and drop");
      return;
    }
    String given = ex.getRequestHeaders().getFirst(TOKEN_HEADER);
    if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
      error(ex, 401, "missing or wrong token (header " + TOKEN_HEADER + ")");
      return;
    }
    String handle = q.get("handle");
    DlqCommand.checkHandle(handle);
    DeadLetters dead = deadLetters(q);
    String outcome;
    try {
      outcome = replay ? dead.replay(handle).name() : dead.drop(handle) ? "DROPPED" : "MISSING";
    } catch (IllegalArgumentException e) {
      throw CliException.badInput(e.getMessage());
    }
    dashboard.resample();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("handle", handle);
    out.put("outcome", outcome);
    sendJson(ex, "MISSING".equals(outcome) ? 404 : 200, out);
  }

  private void file(HttpExchange ex, String name) throws IOException {
    try (InputStream in = DashboardHttp.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        error(ex, 404, "missing from this build: " + name);
        return;
      }
      if (name.endsWith(".html")) {
        ex.getResponseHeaders().set("Content-Security-Policy", CSP);
        ex.getResponseHeaders().set("X-Frame-Options", "DENY");
      }
      send(ex, 200, FILES.get(name), in.readAllBytes());
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return q;
  }

  private void error(HttpExchange ex, int code, String message) throws IOException {
    sendJson(ex, code, Map.of("error", message));
  }

  private void sendJson(HttpExchange ex, int code, Object body) throws IOException {
    send(ex, code, "application/json", json.writeValueAsBytes(body));
  }

  private static void send(HttpExchange ex, int code, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(code, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }
}
