package io.writebehind.bench;

import java.util.List;

/** The systems the benchmark compares, by the names the JSON and the flags use. */
public final class SystemNames {
  public static final String FLOOR = "floor";
  public static final String WRITEBEHIND = "writebehind";
  public static final String WRITE_THROUGH = "write-through";
  public static final String ORIGINAL = "original";
  public static final String REDISSON = "redisson";
  public static final String HAZELCAST = "hazelcast";
  public static final List<String> ALL = List.of(FLOOR, WRITEBEHIND, WRITE_THROUGH, ORIGINAL, REDISSON, HAZELCAST);

  private SystemNames() {}
}
