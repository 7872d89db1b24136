package io.writebehind.cli;

import io.writebehind.cli.dashboard.Dashboard;
import io.writebehind.cli.dashboard.DashboardServer;
import io.writebehind.cli.local.LocalServers;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** One live web page of every namespace in a Valkey, and a JSON API behind it. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
    description = {"Serve a live page of every namespace in the Valkey, until SIGTERM or SIGINT.",
        "Journals, lag, leases, workers, write and drain rates, dead letters (replay and drop with a token), "
            + "counters. Reads Valkey only; the database, if one is given or running locally, only for the "
            + "counters' totals."})
public final class DashboardCommand implements Callable<Integer> {
  static final String TOKEN_ENV = "WRITEBEHIND_DASHBOARD_TOKEN";

  @Option(names = "--valkey-url", paramLabel = "URL",
      description = "Valkey or Redis URL. Default: $VALKEY_URL, else the local server under .writebehind/")
  String valkeyUrl;

  @Option(names = "--database-url", paramLabel = "JDBC_URL",
      description = "Database for the counters' totals (optional). Default: $DATABASE_URL, else the local PostgreSQL if it runs")
  String databaseUrl;

  @Option(names = "--port", defaultValue = "8080", description = "Port (default ${DEFAULT-VALUE}; 0 picks a free one)")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1",
      description = "Address to listen on (default ${DEFAULT-VALUE}: this machine only; anyone who can reach another sees the queue)")
  String bind;

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "Allow replay and drop of dead letters to requests carrying this token (default: $" + TOKEN_ENV
          + "; without one the dashboard is read-only)")
  String token;

  @Override
  public Integer call() throws Exception {
    String t = token != null ? token : System.getenv(TOKEN_ENV);
    if (t != null && t.isBlank()) {
      throw CliException.badInput("the dashboard token is empty (--token or $" + TOKEN_ENV + ")");
    }
    if (t != null) {
      ServerUrls.remember(t); // never echoed back, even in an error line
    }
    ConnectionOptions options = new ConnectionOptions();
    options.valkeyUrl = valkeyUrl;
    String database = ServerUrls.database(databaseUrl);
    if (database == null) {
      database = LocalServers.running(Session.home()).stream().filter(s -> s.name().contains("postgres"))
          .map(LocalServers.Server::url).findFirst().orElse(null);
    }
    CountDownLatch stop = new CountDownLatch(1);
    Signal.handle(new Signal("TERM"), sig -> stop.countDown());
    Signal.handle(new Signal("INT"), sig -> stop.countDown());
    try (Session s = Session.openValkey(options);
        Dashboard dashboard = new Dashboard(s.valkeyUrl(), s.valkey(), Dashboard.databaseAt(database), t != null).start();
        DashboardServer server = DashboardServer.start(bind, port, dashboard, t)) {
      System.err.printf("dashboard on %s (%s)%n", server.url(), s.describe());
      System.err.println(t == null ? "read-only: give --token or $" + TOKEN_ENV + " to replay and drop dead letters"
          : "replay and drop need the token (header " + io.writebehind.cli.dashboard.DashboardHttp.TOKEN_HEADER + ")");
      if (!java.net.InetAddress.getByName(bind).isLoopbackAddress()) {
        System.err.println("warning: listening on " + bind + ": anyone who can reach it sees the queue, keys and dead letters");
      }
      System.out.println("READY " + server.url());
      System.out.flush();
      stop.await();
      System.err.println("dashboard: stopped");
      return 0;
    }
  }
}
