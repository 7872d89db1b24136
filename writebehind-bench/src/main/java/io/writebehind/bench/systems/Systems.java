package io.writebehind.bench.systems;

import io.writebehind.bench.Fixture;
import io.writebehind.bench.SystemNames;

/** Opens a system by name. */
public final class Systems {
  private Systems() {}

  public static BenchSystem open(String name, Fixture fixture) throws Exception {
    return switch (name) {
      case SystemNames.FLOOR -> new FloorSystem(fixture);
      case SystemNames.WRITEBEHIND -> new WriteBehindSystem(fixture);
      case SystemNames.WRITE_THROUGH -> new WriteThroughSystem(fixture);
      case SystemNames.ORIGINAL -> new OriginalSystem(fixture);
      case SystemNames.REDISSON -> new RedissonSystem(fixture);
      case SystemNames.HAZELCAST -> new HazelcastSystem(fixture);
      case SystemNames.COUNTERS_FLOOR -> new CounterFloorSystem(fixture);
      case SystemNames.COUNTERS -> new CountersSystem(fixture);
      case SystemNames.REDISSON_COUNTERS -> new RedissonCountersSystem(fixture);
      default -> throw new IllegalArgumentException("unknown system " + name);
    };
  }

  public static boolean needsFlights(String name) {
    return name.equals(SystemNames.WRITEBEHIND) || name.equals(SystemNames.ORIGINAL);
  }
}
