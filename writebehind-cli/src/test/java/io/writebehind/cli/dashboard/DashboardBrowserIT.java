package io.writebehind.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.writebehind.Codecs;
import io.writebehind.ValkeyConnection;
import io.writebehind.WriteBehind;
import io.writebehind.cli.Main;
import io.writebehind.cli.TestNamespaces;
import io.writebehind.flights.Flight;
import io.writebehind.flights.FlightCodec;
import io.writebehind.flights.FlightSink;
import io.writebehind.jdbc.DataSources;
import io.writebehind.jdbc.Dialect;
import io.writebehind.sink.RecordRejectedException;
import io.writebehind.testkit.ChildJvm;
import io.writebehind.testkit.FreshDatabase;
import io.writebehind.testkit.TestServers;
import io.writebehind.worker.WorkerOptions;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard in a real browser (Debian's headless Chromium driven by its chromedriver):
 * the {@code dashboard} command in a JVM of its own over a namespace of flights with a dead
 * letter and a namespace whose dead letter's key and value are markup. One browser and one
 * dashboard for all the tests, in order, to stay well under a minute.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {
  /** Where Debian's chromium-driver puts it; .ci/run installs it. */
  static final String CHROMEDRIVER = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");
  static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
  private static final String TOKEN = "t0k-" + UUID.randomUUID();
  private static final long DEAD_FLIGHT = 301;
  private static final String EVIL_KEY = "<script>window.__pwned = 1</script>";
  private static final String EVIL_VALUE = "<img src=x onerror=\"window.__pwned = 2\">";

  private final String id = UUID.randomUUID().toString().substring(0, 8);
  private final String ns = "dash-" + id;
  private final String evilNs = "dash-evil-" + id;
  private final HttpClient http = HttpClient.newHttpClient();
  private FreshDatabase db;
  private HikariDataSource ds;
  private WriteBehind<Long, Flight> flights;
  private WriteBehind<String, String> evil;
  private ChildJvm dashboard;
  private String url;
  private WebDriver browser;
  private Path dir;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("dashboard-it");
    db = FreshDatabase.on(TestServers.postgresJdbcUrl(), "wb_dash");
    assertThat(Main.run("init", "--flights", "300", "--valkey-url", TestServers.valkeyUrl(), "--database-url", db.url()))
        .isZero();
    ds = DataSources.hikari(db.url(), 2, "dashboard-it");
    flights = WriteBehind.builder(new FlightCodec()).valkeyUrl(TestServers.valkeyUrl()).namespace(ns).partitions(4)
        .sink(new FlightSink(ds, Dialect.POSTGRESQL)).build();
    LocalDateTime dep = LocalDateTime.of(2025, 10, 1, 8, 30);
    flights.put(DEAD_FLIGHT, new Flight(DEAD_FLIGHT, "WB301", dep, dep.plusHours(2), 1, 1, "AAA", "BBB", "Nowhere Air"));
    flights.startWorker(WorkerOptions.defaults());
    flights.flush(Duration.ofSeconds(30));
    evil = WriteBehind.builder(Codecs.textKeysTextValues()).valkeyUrl(TestServers.valkeyUrl()).namespace(evilNs).partitions(2)
        .sink(batch -> {
          throw new RecordRejectedException("refused <b>for the test</b>");
        }).build();
    evil.put(EVIL_KEY, EVIL_VALUE);
    evil.startWorker(WorkerOptions.defaults());
    evil.flush(Duration.ofSeconds(30));

    dashboard = ChildJvm.start(Main.class, List.of("dashboard", "--port", "0", "--valkey-url", TestServers.valkeyUrl(),
        "--database-url", db.url()), Map.of("WRITEBEHIND_DASHBOARD_TOKEN", TOKEN), dir.resolve("dashboard.log"));
    url = await("the dashboard's READY line", () -> {
      Matcher m = Pattern.compile("READY (http://\\S+)").matcher(dashboard.output());
      return m.find() ? m.group(1) : null;
    });
    assertThat(dashboard.output()).as("the token is never printed").doesNotContain(TOKEN);

    File driver = new File(CHROMEDRIVER);
    assertThat(driver.canExecute()).as(driver + ": apt-get install chromium chromium-driver (.ci/run does)").isTrue();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1600");
    browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver).usingAnyFreePort().build(), options);
    browser.get(url);
  }

  @AfterAll
  void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (dashboard != null) {
      dashboard.close();
    }
    for (WriteBehind<?, ?> e : new WriteBehind<?, ?>[] {flights, evil}) {
      if (e != null) {
        e.admin().purgeNamespace();
        e.close();
      }
    }
    TestNamespaces.purge(TestServers.valkeyUrl(), ns);
    TestNamespaces.purge(TestServers.valkeyUrl(), evilNs);
    if (ds != null) {
      ds.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  @Order(1)
  void thePageLoadsWithEveryNamespace() {
    assertThat(browser.getTitle()).isEqualTo("writebehind dashboard");
    WebElement section = section(ns);
    assertThat(section.findElement(By.tagName("h2")).getText()).contains(ns, "VALUES", "4 partitions");
    await("the dead letter counted", () -> figure(ns, "deadLetters").equals("1") ? true : null);
    assertThat(section.findElements(By.cssSelector(".partitions tbody tr"))).hasSize(4);
    assertThat(section.findElements(By.cssSelector(".chart canvas"))).as("the rate chart").isNotEmpty();
    assertThat(section(evilNs)).isNotNull();
    assertThat(browser.findElement(By.id("token")).isDisplayed()).as("a token was given: actions offered").isTrue();
  }

  @Test
  @Order(2)
  void itsFiguresChangeWhileLoadWrites() throws Exception {
    CompletableFuture<Integer> load = CompletableFuture.supplyAsync(() -> Main.run("load", "--namespace", ns, "--partitions", "4",
        "--updates", "40000", "--writers", "2", "--keys", "300", "--valkey-url", TestServers.valkeyUrl(), "--database-url", db.url()));
    try {
      await("writes per second above zero while load writes", () -> rate(ns, "writeRate") > 0 ? true : null);
      await("drained per second above zero while the worker drains", () -> rate(ns, "drainRate") > 0 ? true : null);
      String owner = flights.admin().status().partitions().get(0).leaseOwner();
      await("the worker alive, holding the partitions", () -> section(ns).getText().contains(owner) ? true : null);
      String before = figure(ns, "unflushed") + figure(ns, "writeRate");
      await("the figures moving", () -> !before.equals(figure(ns, "unflushed") + figure(ns, "writeRate")) ? true : null);
    } finally {
      assertThat(load.get()).isZero();
    }
  }

  @Test
  @Order(3)
  void anActionWithoutTheTokenIsRefused() throws Exception {
    String handle = deadLetterHandle(ns);
    browser.findElement(By.id("token")).clear();
    click(ns, handle, "replay");
    await("the refusal shown", () -> message(ns).contains("Refused: missing or wrong token") ? true : null);
    assertThat(flights.admin().deadLetters().get(handle)).as("still a dead letter").isPresent();

    assertThat(post("/api/dlq/replay?namespace=" + ns + "&handle=" + handle, null).statusCode()).isEqualTo(401);
    assertThat(post("/api/dlq/drop?namespace=" + ns + "&handle=" + handle, "wrong").statusCode()).isEqualTo(401);
    assertThat(http.send(HttpRequest.newBuilder(URI.create(url + "api/dlq/drop?namespace=" + ns + "&handle=" + handle)).GET().build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).as("a GET never acts").isEqualTo(405);
    assertThat(flights.admin().deadLetters().get(handle)).isPresent();

    // Started without a token, a dashboard is read-only whatever a request carries.
    try (ValkeyConnection valkey = ValkeyConnection.open(TestServers.valkeyUrl(), Duration.ofSeconds(10));
        Dashboard readOnly = new Dashboard(TestServers.valkeyUrl(), valkey, null, false).start();
        DashboardServer server = DashboardServer.start("127.0.0.1", 0, readOnly, null)) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + "api/dlq/replay?namespace=" + ns
          + "&handle=" + handle)).header(DashboardHttp.TOKEN_HEADER, TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.body()).contains("read-only");
    }
    assertThat(flights.admin().deadLetters().get(handle)).isPresent();
  }

  @Test
  @Order(4)
  void aDeadLetterReplayedFromThePageLeavesTheListAndReachesTheDatabase() throws Exception {
    String handle = deadLetterHandle(ns);
    long version = flights.admin().deadLetters().get(handle).orElseThrow().version();
    // The cause fixed: the flight now exists, so the replayed write can land.
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      st.executeUpdate("INSERT INTO flight (flight_id, flightno, \"from\", \"to\", departure, arrival, airline_id, airplane_id) "
          + "SELECT " + DEAD_FLIGHT + ", 'WB301', \"from\", \"to\", departure, arrival, 1, 1 FROM flight WHERE flight_id = 1");
    }
    WebElement token = browser.findElement(By.id("token"));
    token.clear();
    token.sendKeys(TOKEN);
    click(ns, handle, "replay");
    await("REPLAYED shown", () -> message(ns).contains(handle + ": REPLAYED") ? true : null);
    await("the letter gone from the list", () -> deadLetterRow(ns, handle) == null ? true : null);
    await("the replayed write in the database", () -> {
      try (Connection c = ds.getConnection(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT wb_version, departure FROM flight WHERE flight_id = " + DEAD_FLIGHT)) {
        return rs.next() && rs.getLong(1) == version
            && rs.getTimestamp(2).toLocalDateTime().equals(LocalDateTime.of(2025, 10, 1, 8, 30)) ? true : null;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    await("no dead letter counted", () -> figure(ns, "deadLetters").equals("0") ? true : null);
  }

  @Test
  @Order(5)
  void aScriptKeyIsShownAsTextAndDoesNotRun() {
    String handle = deadLetterHandle(evilNs);
    String listed = await("the markup key's dead letter listed", () -> {
      WebElement row = deadLetterRow(evilNs, handle);
      return row == null ? null : row.getText();
    });
    assertThat(listed).contains(EVIL_KEY, "refused <b>for the test</b>");
    click(evilNs, handle, "show");
    WebElement detail = await("its detail", () -> {
      WebElement d = section(evilNs).findElement(By.cssSelector(".detail"));
      return d.isDisplayed() ? d : null;
    });
    assertThat(detail.findElement(By.tagName("pre")).getText()).isEqualTo(EVIL_VALUE);
    assertThat(((JavascriptExecutor) browser).executeScript("return typeof window.__pwned")).isEqualTo("undefined");
    assertThat(browser.findElements(By.cssSelector("main script, main img"))).as("no element made of the data").isEmpty();
  }

  // ---- helpers ----

  private WebElement section(String namespace) {
    return await("the section of " + namespace, () -> {
      List<WebElement> found = browser.findElements(By.cssSelector("section.ns[data-namespace='" + namespace + "']"));
      return found.isEmpty() ? null : found.get(0);
    });
  }

  private String figure(String namespace, String name) {
    return section(namespace).findElement(By.cssSelector("[data-figure=" + name + "]")).getText();
  }

  private double rate(String namespace, String name) {
    String text = figure(namespace, name).replace(",", "");
    return text.equals("–") ? 0 : Double.parseDouble(text);
  }

  private String message(String namespace) {
    return section(namespace).findElement(By.cssSelector("[data-role=dlq-message]")).getText();
  }

  private WebElement deadLetterRow(String namespace, String handle) {
    List<WebElement> rows = section(namespace).findElements(By.cssSelector(".dlq tbody tr[data-handle='" + handle + "']"));
    return rows.isEmpty() ? null : rows.get(0);
  }

  /**
   * Clicks a button of a dead letter's row once it is listed. Found and clicked in one probe:
   * the page redraws its lists every second, and a row found before a redraw is stale after.
   */
  private void click(String namespace, String handle, String action) {
    await(action + " of " + handle + " clicked", () -> {
      WebElement row = deadLetterRow(namespace, handle);
      if (row == null) {
        return null;
      }
      row.findElement(By.cssSelector("button[data-action=" + action + "]")).click();
      return true;
    });
  }

  private String deadLetterHandle(String namespace) {
    WriteBehind<?, ?> engine = namespace.equals(ns) ? flights : evil;
    return engine.admin().deadLetters().list(10).get(0).handle();
  }

  private HttpResponse<String> post(String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path.substring(1))).POST(HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      b.header(DashboardHttp.TOKEN_HEADER, token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Polls until {@code probe} gives non-null (page elements re-rendered meanwhile are retried), for 20 s. */
  private <T> T await(String what, Supplier<T> probe) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        T t = probe.get();
        if (t != null) {
          return t;
        }
      } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
        last = e;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("timed out waiting for " + what + (dashboard == null ? "" : "\ndashboard log:\n" + dashboard.output()), last);
  }
}
