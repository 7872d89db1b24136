package io.writebehind.admin;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One server-side script call exactly as the engine makes it: the script, its keys and its
 * arguments. For a person to read (the demo's verbose mode) and for a benchmark that
 * measures the bare script as a floor; its shape may change between versions.
 *
 * @param name the script's name
 * @param source the Lua source as the engine sends it to a server without script flags
 * @param sha its SHA1, as EVALSHA names it
 * @param keys the keys, in order
 * @param args the arguments, in order
 */
public record ScriptCall(String name, String source, String sha, List<String> keys, List<byte[]> args) {
  /** Copies the keys and arguments. */
  public ScriptCall {
    keys = List.copyOf(keys);
    args = List.copyOf(args);
  }

  /** {@code EVALSHA <sha> <n> <keys> <args>}, arguments over 24 bytes shown by their length. */
  public String describe() {
    StringBuilder b = new StringBuilder("EVALSHA ").append(sha, 0, 10).append("... ").append(keys.size());
    keys.forEach(k -> b.append(' ').append(k));
    for (byte[] a : args) {
      b.append(' ').append(a.length > 24 ? "<" + a.length + " bytes>" : a.length == 0 ? "''"
          : new String(a, StandardCharsets.UTF_8));
    }
    return b.append("   (").append(name).append(".lua)").toString();
  }
}
