package io.writebehind.internal.journal;

import io.writebehind.ValkeyConnection;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.output.NestedMultiOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A Lua script run by its SHA1 (EVALSHA), falling back to EVAL once when the server does
 * not know it yet (after a restart, or on a new cluster node). EVAL, not FUNCTION, so the
 * same scripts run on Valkey 7+/8, Redis 7 and Redis 6.2.
 *
 * <p>A script that frees memory (it trims the journal, moves a lease, records a position)
 * must run when the server is out of memory under {@code noeviction}: otherwise the worker
 * that would free it stalls for good. Servers that know script flags (Redis 7+, every
 * Valkey) run such a script with {@code #!lua flags=allow-oom}; Redis 6.2 has no flags, so
 * there it is refused at its first write like any other.
 */
public final class Script {
  private static final String ALLOW_OOM = "#!lua flags=allow-oom\n";

  private final String name;
  private final String source;
  private final String sha;
  /** The source with the flags line, or the plain one when the script needs no flags. */
  private final String flaggedSource;
  private final String flaggedSha;
  /** The two SHAs as the protocol sends them, encoded once. */
  private final byte[] shaBytes;
  private final byte[] flaggedShaBytes;

  private Script(String name, String source, boolean allowOom) {
    this.name = name;
    this.source = source;
    this.sha = sha1(source);
    this.flaggedSource = allowOom ? ALLOW_OOM + source : source;
    this.flaggedSha = allowOom ? sha1(flaggedSource) : sha;
    this.shaBytes = sha.getBytes(StandardCharsets.US_ASCII);
    this.flaggedShaBytes = flaggedSha.getBytes(StandardCharsets.US_ASCII);
  }

  /** The script {@code name.lua}, after the shared helpers of {@code _prelude.lua}. */
  static Script load(String name) {
    return new Script(name, resource("_prelude") + resource(name), false);
  }

  /** Like {@link #load}, for a script that must run when the server is out of memory. */
  static Script loadAllowingOom(String name) {
    return new Script(name, resource("_prelude") + resource(name), true);
  }

  /**
   * The script {@code name.lua} with the script {@code inner.lua} as its local function
   * {@code inner()}: a script that runs another's steps unchanged, so the two cannot drift
   * apart.
   */
  static Script loadCalling(String name, String inner) {
    return new Script(name, resource("_prelude") + "local function " + inner + "()\n" + resource(inner) + "\nend\n"
        + resource(name), false);
  }

  private static String resource(String name) {
    try (InputStream in = Script.class.getResourceAsStream(name + ".lua")) {
      if (in == null) {
        throw new IllegalStateException("script resource missing: " + name + ".lua");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String name() {
    return name;
  }

  public String sha() {
    return sha;
  }

  public String source() {
    return source;
  }

  /** The SHA1 of the form run on servers that know script flags. */
  public String flaggedSha() {
    return flaggedSha;
  }

  /** Loads the script into the server (SCRIPT LOAD), in the form {@link #run} will use there. */
  public CompletableFuture<String> preload(ValkeyConnection connection) {
    String s = connection.supportsScriptFlags() ? flaggedSource : source;
    return connection.async().scriptLoad(s.getBytes(StandardCharsets.UTF_8)).toCompletableFuture();
  }

  /** Runs the script in the form the connection's server understands. */
  public <T> CompletableFuture<T> run(ValkeyConnection connection, ScriptOutputType type, String[] keys, byte[]... args) {
    boolean flags = connection.supportsScriptFlags();
    return run(connection.async(), flags ? flaggedSha : sha, flags ? flaggedSource : source, type, keys, args);
  }

  /**
   * As {@link #run} with a list reply, for a script on the hot path: the keys after the first
   * come already encoded (names a caller builds once, not on every call), as do the SHA and the
   * source. Lettuce encodes a command's arguments on the connection's one I/O thread, which
   * every command of the connection shares, so what is not encoded there again on every call
   * is time freed for all of them. The first key travels as a key: a cluster routes by it.
   */
  public CompletableFuture<List<Object>> runList(ValkeyConnection connection, String firstKey, byte[][] otherKeys,
      byte[]... args) {
    boolean flags = connection.supportsScriptFlags();
    RedisClusterAsyncCommands<String, byte[]> redis = connection.async();
    byte[] digest = flags ? flaggedShaBytes : shaBytes;
    return orEval(redis.dispatch(CommandType.EVALSHA, new NestedMultiOutput<>(ValkeyConnection.CODEC),
        args(digest, firstKey, otherKeys, args)).toCompletableFuture(), () -> {
          byte[] text = (flags ? flaggedSource : source).getBytes(StandardCharsets.UTF_8);
          return redis.dispatch(CommandType.EVAL, new NestedMultiOutput<>(ValkeyConnection.CODEC),
              args(text, firstKey, otherKeys, args)).toCompletableFuture();
        });
  }

  private static CommandArgs<String, byte[]> args(byte[] script, String firstKey, byte[][] otherKeys, byte[][] values) {
    CommandArgs<String, byte[]> a = new CommandArgs<>(ValkeyConnection.CODEC).add(script).add(1 + otherKeys.length)
        .addKey(firstKey);
    for (byte[] k : otherKeys) {
      a.add(k);
    }
    for (byte[] v : values) {
      a.add(v);
    }
    return a;
  }

  private static <T> CompletableFuture<T> run(RedisClusterAsyncCommands<String, byte[]> redis, String sha, String source,
      ScriptOutputType type, String[] keys, byte[]... args) {
    return orEval(redis.<T>evalsha(sha, type, keys, args).toCompletableFuture(),
        () -> redis.<T>eval(source, type, keys, args).toCompletableFuture());
  }

  /**
   * {@code evalsha}'s answer, or, when the server does not know the script (after a restart,
   * on a new cluster node), {@code eval}'s. One stage on the hot path: the fallback is only
   * composed in when the server says NOSCRIPT.
   */
  private static <T> CompletableFuture<T> orEval(CompletableFuture<T> evalsha, Supplier<CompletableFuture<T>> eval) {
    return evalsha.exceptionallyCompose(error -> {
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      if (cause instanceof RedisNoScriptException) {
        return eval.get();
      }
      return CompletableFuture.<T>failedFuture(cause);
    });
  }

  private static String sha1(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
