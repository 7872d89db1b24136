package io.writebehind.journal;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A Lua script run by its SHA1 (EVALSHA), falling back to EVAL once when the server does
 * not know it yet (after a restart, or on a new cluster node). EVAL, not FUNCTION, so the
 * same scripts run on Valkey 7+/8, Redis 7 and Redis 6.2.
 */
public final class Script {
  private final String name;
  private final String source;
  private final String sha;

  private Script(String name, String source) {
    this.name = name;
    this.source = source;
    this.sha = sha1(source);
  }

  /** The script {@code name.lua}, after the shared helpers of {@code _prelude.lua}. */
  static Script load(String name) {
    return new Script(name, resource("_prelude") + resource(name));
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

  public <T> CompletableFuture<T> run(
      RedisClusterAsyncCommands<String, byte[]> redis, ScriptOutputType type, String[] keys, byte[]... args) {
    // One stage on the hot path: the fallback is only composed in when the server says NOSCRIPT.
    return redis.<T>evalsha(sha, type, keys, args).toCompletableFuture().exceptionallyCompose(error -> {
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      if (cause instanceof RedisNoScriptException) {
        return redis.<T>eval(source, type, keys, args).toCompletableFuture();
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
