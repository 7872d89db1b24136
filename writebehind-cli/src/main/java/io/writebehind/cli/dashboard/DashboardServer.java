package io.writebehind.cli.dashboard;

import com.sun.net.httpserver.HttpServer;
import io.writebehind.cli.CliException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The JDK's HTTP server serving a {@link Dashboard} alone: {@code writebehind dashboard}. */
public final class DashboardServer implements AutoCloseable {
  private final HttpServer http;
  private final ExecutorService executor;
  private final String host;

  private DashboardServer(HttpServer http, ExecutorService executor, String host) {
    this.http = http;
    this.executor = executor;
    this.host = host;
  }

  /**
   * Listens on {@code bind}:{@code port} ({@code 0} picks a free port); {@code token} null
   * serves it read-only. A name that does not resolve or a port in use is the user's mistake,
   * said in one line.
   */
  public static DashboardServer start(String bind, int port, Dashboard dashboard, String token) {
    if (port < 0 || port > 65535) {
      throw CliException.badInput("--port must be between 0 and 65535, was " + port);
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw CliException.badInput("--bind: cannot resolve '" + bind + "'");
    }
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(address, port), 32);
    } catch (IOException e) {
      throw CliException.badInput("cannot serve the dashboard on " + bind + ":" + port + ": " + e.getMessage());
    }
    ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "wb-dashboard-http");
      t.setDaemon(true);
      return t;
    });
    http.setExecutor(executor);
    DashboardHttp.mount(http, dashboard, token, address.isLoopbackAddress());
    http.start();
    String host = address.isAnyLocalAddress() || address.isLoopbackAddress() ? "127.0.0.1" : address.getHostAddress();
    return new DashboardServer(http, executor, host.contains(":") ? "[" + host + "]" : host);
  }

  public int port() {
    return http.getAddress().getPort();
  }

  public String url() {
    return "http://" + host + ":" + port() + "/";
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }
}
