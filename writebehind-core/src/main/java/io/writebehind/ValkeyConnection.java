package io.writebehind;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.Objects;

/**
 * One Lettuce connection to a Valkey (or Redis) server or cluster, opened with the engine's
 * URL rules, shared by all threads: Lettuce pipelines concurrent commands over it, which is
 * what makes many small writes fast. Each engine opens its own and hands it to no one; this
 * class is public for tools that need raw commands next to an engine (a benchmark, a demo
 * that shows what the engine stored).
 *
 * <p>URLs: {@code redis://[user:pass@]host:port[/db]}, {@code rediss://} for TLS, and the
 * aliases {@code valkey://} / {@code valkeys://}. Add {@code cluster=true} as a query
 * parameter to talk to a Valkey Cluster through any of its nodes.
 */
public final class ValkeyConnection implements AutoCloseable {
  /** Keys as UTF-8 text, values as bytes: what every engine command uses. */
  public static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

  private final String redactedUrl;
  /** The event loops this connection owns and shuts down on close; null for the caller's. */
  private final ClientResources resources;
  private final AutoCloseable client;
  private final AutoCloseable connection;
  private final RedisClusterAsyncCommands<String, byte[]> async;
  private final boolean cluster;
  private final boolean scriptFlags;

  private ValkeyConnection(
      String redactedUrl, ClientResources resources, AutoCloseable client, AutoCloseable connection,
      RedisClusterAsyncCommands<String, byte[]> async, boolean cluster, Duration timeout) {
    this.redactedUrl = redactedUrl;
    this.resources = resources;
    this.client = client;
    this.connection = connection;
    this.async = async;
    this.cluster = cluster;
    this.scriptFlags = serverMajorVersion(async, timeout) >= 7;
  }

  /**
   * The server's major version as it reports it ({@code redis_version}: every Valkey says 7
   * or more), or 0 when INFO is refused (a restricted user): scripts then run without flags.
   */
  private static int serverMajorVersion(RedisClusterAsyncCommands<String, byte[]> async, Duration timeout) {
    try {
      String info = async.info("server").toCompletableFuture().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      return info.lines().filter(l -> l.startsWith("redis_version:")).findFirst()
          .map(l -> Integer.parseInt(l.substring("redis_version:".length()).split("\\.")[0].trim())).orElse(0);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /** Connects, or throws {@link io.lettuce.core.RedisConnectionException} naming the redacted URL. */
  public static ValkeyConnection open(String url, Duration commandTimeout) {
    return open(url, commandTimeout, null);
  }

  /**
   * As {@link #open(String, Duration)}, on the event loops of {@code shared} (the caller's,
   * left running on close), or on two threads of its own when it is null.
   */
  public static ValkeyConnection open(String url, Duration commandTimeout, ClientResources shared) {
    Objects.requireNonNull(url, "url");
    ParsedUrl parsed = ParsedUrl.parse(url);
    RedisURI uri = RedisURI.create(parsed.lettuceUrl());
    uri.setTimeout(commandTimeout);
    // Lettuce records a latency histogram per command whenever HdrHistogram is on the class
    // path; the engine has its own metrics, and the recording costs CPU on every reply.
    ClientResources resources = shared != null ? shared : DefaultClientResources.builder().ioThreadPoolSize(2)
        .computationThreadPoolSize(2).commandLatencyRecorder(CommandLatencyRecorder.disabled()).build();
    boolean owned = shared == null;
    TimeoutOptions timeouts = TimeoutOptions.enabled(commandTimeout);
    if (parsed.cluster()) {
      RedisClusterClient client = RedisClusterClient.create(resources, uri);
      client.setOptions(ClusterClientOptions.builder().timeoutOptions(timeouts).build());
      StatefulRedisClusterConnection<String, byte[]> c = connectOrClose(client, () -> client.connect(CODEC), owned ? resources : null);
      return new ValkeyConnection(redact(url), owned ? resources : null, client::shutdown, c, c.async(), true, commandTimeout);
    }
    RedisClient client = RedisClient.create(resources, uri);
    client.setOptions(ClientOptions.builder().timeoutOptions(timeouts).build());
    StatefulRedisConnection<String, byte[]> c = connectOrClose(client, () -> client.connect(CODEC), owned ? resources : null);
    return new ValkeyConnection(redact(url), owned ? resources : null, client::shutdown, c, c.async(), false, commandTimeout);
  }

  private static <T> T connectOrClose(AutoCloseable client, java.util.function.Supplier<T> connect, ClientResources resources) {
    try {
      return connect.get();
    } catch (RuntimeException e) {
      try {
        client.close();
      } catch (Exception ignored) {
        // the connection failure is what the caller needs to see
      }
      if (resources != null) {
        resources.shutdown();
      }
      throw e;
    }
  }

  /** Lettuce's asynchronous commands over this connection (keys as text, values as bytes). */
  public RedisClusterAsyncCommands<String, byte[]> async() {
    return async;
  }

  /** Whether the URL named a cluster ({@code cluster=true}). */
  public boolean isCluster() {
    return cluster;
  }

  /** Whether the server runs scripts with flags ({@code #!lua flags=...}): Redis 7+ and Valkey. */
  public boolean supportsScriptFlags() {
    return scriptFlags;
  }

  /** The URL with its password masked; safe to print. */
  public String url() {
    return redactedUrl;
  }

  /** Masks the password of a Valkey URL. */
  public static String redact(String url) {
    if (url == null) {
      return "null";
    }
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      // not a URL: it may be a secret pasted into the wrong place
      return url.isEmpty() ? url : "***";
    }
    int start = scheme + 3;
    int query = url.indexOf('?', start);
    // the user info ends at the last '@' before the query: a password may hold '@' or '/'
    int at = url.lastIndexOf('@', query < 0 ? url.length() : query);
    if (at < start) {
      return url;
    }
    int colon = url.indexOf(':', start);
    String user = colon >= 0 && colon < at ? url.substring(start, colon + 1) : "";
    return url.substring(0, start) + user + "***" + url.substring(at);
  }

  @Override
  public void close() {
    try {
      connection.close();
      client.close();
    } catch (Exception e) {
      // closing is best effort; nothing is pending on a closed connection
    } finally {
      if (resources != null) {
        resources.shutdown();
      }
    }
  }

  record ParsedUrl(String lettuceUrl, boolean cluster) {
    static ParsedUrl parse(String url) {
      String u = url.trim();
      if (u.startsWith("valkey://")) {
        u = "redis://" + u.substring("valkey://".length());
      } else if (u.startsWith("valkeys://")) {
        u = "rediss://" + u.substring("valkeys://".length());
      }
      if (!u.startsWith("redis://") && !u.startsWith("rediss://")) {
        throw new IllegalArgumentException(
            "Valkey URL must start with redis://, rediss://, valkey:// or valkeys://, was " + redact(url));
      }
      boolean cluster = false;
      int q = u.indexOf('?');
      if (q >= 0) {
        StringBuilder rest = new StringBuilder();
        for (String p : u.substring(q + 1).split("&")) {
          if (p.equalsIgnoreCase("cluster=true")) {
            cluster = true;
          } else if (!p.isEmpty() && !p.equalsIgnoreCase("cluster=false")) {
            rest.append(rest.length() == 0 ? "?" : "&").append(p);
          }
        }
        u = u.substring(0, q) + rest;
      }
      return new ParsedUrl(u, cluster);
    }
  }
}
