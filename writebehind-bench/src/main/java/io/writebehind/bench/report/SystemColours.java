package io.writebehind.bench.report;

import io.writebehind.bench.SystemNames;
import java.awt.Color;
import java.util.Map;

/**
 * One colour per system, the same in every chart. Left to the chart library, a colour goes
 * by a series' position, and a chart that leaves out a system (the window chart has no
 * floor) would shift every system after it to another colour.
 */
public final class SystemColours {
  // Okabe-Ito: told apart with the common colour-vision deficiencies too
  private static final Map<String, Color> BY_SYSTEM = Map.ofEntries(
      Map.entry(SystemNames.FLOOR, new Color(0x99, 0x99, 0x99)),
      Map.entry(SystemNames.WRITEBEHIND, new Color(0x00, 0x72, 0xB2)),
      Map.entry(SystemNames.WRITE_THROUGH, new Color(0xD5, 0x5E, 0x00)),
      Map.entry(SystemNames.ORIGINAL, new Color(0x00, 0x9E, 0x73)),
      Map.entry(SystemNames.REDISSON, new Color(0xCC, 0x79, 0xA7)),
      Map.entry(SystemNames.HAZELCAST, new Color(0xE6, 0x9F, 0x00)),
      Map.entry(SystemNames.COUNTERS_FLOOR, new Color(0x44, 0x44, 0x44)),
      Map.entry(SystemNames.COUNTERS, new Color(0x56, 0xB4, 0xE9)),
      Map.entry(SystemNames.REDISSON_COUNTERS, new Color(0x88, 0x22, 0x55)),
      Map.entry(SystemNames.EVENTS_FLOOR, new Color(0xBB, 0xBB, 0xBB)),
      Map.entry(SystemNames.EVENTS, new Color(0x33, 0x22, 0x88)),
      Map.entry(SystemNames.EVENTS_ORIGINAL, new Color(0x11, 0x77, 0x33)));
  private static final Color OTHER = Color.BLACK;

  private SystemColours() {}

  /** The system's colour; black for a name the benchmark does not know. */
  public static Color of(String system) {
    return BY_SYSTEM.getOrDefault(system, OTHER);
  }
}
