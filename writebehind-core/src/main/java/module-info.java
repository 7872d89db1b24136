/**
 * writebehind: write-behind caching on Valkey with a relational database as the system of
 * record. Exports the engine's public API only; {@code io.writebehind.internal.*} may change
 * without notice.
 */
module io.writebehind.core {
  requires transitive lettuce.core;
  requires transitive java.sql;
  requires org.slf4j;
  requires static micrometer.core;

  exports io.writebehind;
  exports io.writebehind.admin;
  exports io.writebehind.metrics;
  exports io.writebehind.sink;
  exports io.writebehind.worker;
}
