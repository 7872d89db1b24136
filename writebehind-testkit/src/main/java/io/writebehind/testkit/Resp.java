package io.writebehind.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A minimal RESP client over a raw socket: enough to PING and SHUTDOWN a server without
 * pulling a Redis client library into the testkit.
 */
public final class Resp {
  private Resp() {}

  /** Host and port of a {@code redis://} or {@code rediss://} URL (default port 6379). */
  public record HostPort(String host, int port) {
    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  public static HostPort parseUrl(String url) {
    URI uri = URI.create(url.trim());
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("not a redis URL: " + url);
    }
    return new HostPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
  }

  /** The RESP encoding of a command: an array of bulk strings. */
  public static byte[] encode(String... args) {
    StringBuilder sb = new StringBuilder();
    sb.append('*').append(args.length).append("\r\n");
    for (String a : args) {
      byte[] b = a.getBytes(StandardCharsets.UTF_8);
      sb.append('$').append(b.length).append("\r\n").append(a).append("\r\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** True when the server at the URL answers PING with +PONG (not -LOADING etc.). */
  public static boolean ping(String url) {
    HostPort hp = parseUrl(url);
    return ping(hp.host(), hp.port(), Duration.ofSeconds(1));
  }

  public static boolean ping(String host, int port, Duration timeout) {
    try {
      return "+PONG".equals(call(host, port, timeout, "PING"));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Sends one command and returns the first line of the reply (e.g. {@code +PONG},
   * {@code -ERR ...}, {@code $5}), or {@code null} if the server closed the connection
   * without replying (as SHUTDOWN does).
   */
  public static String call(String host, int port, Duration timeout, String... args) throws IOException {
    try (Socket s = new Socket()) {
      int ms = (int) Math.max(1, timeout.toMillis());
      s.connect(new InetSocketAddress(host, port), ms);
      s.setSoTimeout(ms);
      OutputStream out = s.getOutputStream();
      out.write(encode(args));
      out.flush();
      return readLine(s.getInputStream());
    }
  }

  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        break;
      }
      if (c != '\r') {
        buf.write(c);
      }
    }
    if (c == -1 && buf.size() == 0) {
      return null;
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  /** True when a TCP connection to host:port can be opened within the timeout. */
  public static boolean tcpReachable(String host, int port, Duration timeout) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
