package io.writebehind;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.protocol.ConnectionIntent;
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
import java.util.concurrent.CompletableFuture;

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
  /** The cluster connection, for the node connections behind it; null when no cluster. */
  private final StatefulRedisClusterConnection<String, byte[]> clusterConnection;
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
    @SuppressWarnings("unchecked")
    StatefulRedisClusterConnection<String, byte[]> c = cluster ? (StatefulRedisClusterConnection<String, byte[]>) connection : null;
    this.clusterConnection = c;
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
      client.setOptions(clusterOptions(timeouts, commandTimeout));
      StatefulRedisClusterConnection<String, byte[]> c = connectOrClose(client, () -> client.connect(CODEC), owned ? resources : null);
      return new ValkeyConnection(redact(url), owned ? resources : null, client::shutdown, c, c.async(), true, commandTimeout);
    }
    RedisClient client = RedisClient.create(resources, uri);
    client.setOptions(ClientOptions.builder().timeoutOptions(timeouts).build());
    StatefulRedisConnection<String, byte[]> c = connectOrClose(client, () -> client.connect(CODEC), owned ? resources : null);
    return new ValkeyConnection(redact(url), owned ? resources : null, client::shutdown, c, c.async(), false, commandTimeout);
  }

  /**
   * A cluster client's options. Lettuce reads the topology once by default: after a failover
   * it would keep sending a slot's commands to the dead primary until they time out, for as
   * long as the process lives. With every adaptive trigger on (MOVED and ASK redirects,
   * reconnects that keep failing, an uncovered slot, an unknown node) it reads the topology
   * again as soon as a command runs into the change, at most once per half second; the
   * periodic refresh catches a promotion that no command ran into yet (an idle partition's
   * worker). Stale node connections are closed, so nothing stays queued on a dead node, and
   * a connect to a node gets the command timeout, not Lettuce's 10 s.
   */
  static ClusterClientOptions clusterOptions(TimeoutOptions timeouts, Duration commandTimeout) {
    ClusterTopologyRefreshOptions refresh = ClusterTopologyRefreshOptions.builder()
        .enableAllAdaptiveRefreshTriggers()
        .adaptiveRefreshTriggersTimeout(ADAPTIVE_REFRESH_PAUSE)
        .refreshTriggersReconnectAttempts(2)
        .enablePeriodicRefresh(PERIODIC_REFRESH)
        .dynamicRefreshSources(true)
        .closeStaleConnections(true)
        .build();
    Duration connect = commandTimeout.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : commandTimeout;
    return ClusterClientOptions.builder().timeoutOptions(timeouts).topologyRefreshOptions(refresh)
        .socketOptions(SocketOptions.builder().connectTimeout(connect).build()).build();
  }

  /** The shortest pause between two topology reads that commands trigger. */
  static final Duration ADAPTIVE_REFRESH_PAUSE = Duration.ofMillis(500);
  /** How often the topology is read without a trigger. */
  static final Duration PERIODIC_REFRESH = Duration.ofSeconds(2);

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

  /**
   * Commands on the connection that carries the writes to {@code key}'s slot: this
   * connection's own when it is no cluster. WAIT and WAITAOF count the writes sent on the
   * client connection they are sent on; on a cluster a command without a key goes to some
   * node's default connection, where WAIT counts none of the script's writes and returns at
   * once. Lettuce keeps one write connection per primary (by host and port), the one that
   * routes the slot's commands, and this is it.
   */
  public CompletableFuture<RedisClusterAsyncCommands<String, byte[]>> writerOf(String key) {
    if (clusterConnection == null) {
      return CompletableFuture.completedFuture(async);
    }
    RedisClusterNode primary = clusterConnection.getPartitions().getMasterBySlot(SlotHash.getSlot(key));
    if (primary == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("no primary serves the slot of " + key));
    }
    return clusterConnection.getConnectionAsync(primary.getUri().getHost(), primary.getUri().getPort(), ConnectionIntent.WRITE)
        .<RedisClusterAsyncCommands<String, byte[]>>thenApply(StatefulRedisConnection::async);
  }

  /**
   * The primary that serves {@code key}'s slot as this client sees it now ({@code host:port}),
   * or "" when it is no cluster: writes with the same node share one WAIT.
   */
  public String nodeOf(String key) {
    if (clusterConnection == null) {
      return "";
    }
    RedisClusterNode primary = clusterConnection.getPartitions().getMasterBySlot(SlotHash.getSlot(key));
    return primary == null ? "?" : primary.getUri().getHost() + ":" + primary.getUri().getPort();
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
