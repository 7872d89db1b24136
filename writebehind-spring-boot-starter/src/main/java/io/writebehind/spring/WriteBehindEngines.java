package io.writebehind.spring;

import io.writebehind.Codecs;
import io.writebehind.Counters;
import io.writebehind.CountersBuilder;
import io.writebehind.Durability;
import io.writebehind.KeyCodec;
import io.writebehind.WriteBehind;
import io.writebehind.WriteBehindBuilder;
import io.writebehind.admin.Admin;
import io.writebehind.jdbc.JdbcCounterSink;
import io.writebehind.jdbc.JdbcSink;
import io.writebehind.sink.Sink;
import io.writebehind.worker.Worker;
import io.writebehind.worker.WorkerOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.DisposableBean;
import tools.jackson.databind.ObjectMapper;

/**
 * The engines the properties describe, one per cache and one per set of counters, built and
 * connected when the context starts and closed when it closes. Workers are started and
 * stopped by {@link WriteBehindWorkers}.
 */
public class WriteBehindEngines implements DisposableBean {
  private final Map<String, WriteBehindCache> caches = new LinkedHashMap<>();
  private final Map<String, Counters<?>> counters = new LinkedHashMap<>();
  /** Every namespace's engine by its property path, for workers, health and meters. */
  private final Map<String, Namespace> namespaces = new LinkedHashMap<>();

  /** A namespace as the worker, the health indicator and the meters see it. */
  record Namespace(String property, String namespace, Admin admin, WriteBehind<?, ?> engine,
      Function<WorkerOptions, Worker> startWorker) {}

  WriteBehindEngines(WriteBehindProperties p, BeanFactory beans, java.util.function.Supplier<DataSource> dataSource,
      ObjectMapper mapper, java.util.concurrent.Executor executor) {
    try {
      p.getCaches().forEach((name, spec) -> {
        String prefix = "writebehind.caches." + name;
        CacheKeys keys = new CacheKeys(name, spec.getKeyType());
        JsonCodec codec = new JsonCodec(name, keys, spec.getValueType(), mapper);
        Sink<Object, Object> sink = sink(prefix, name, spec, beans, dataSource, codec);
        WriteBehindBuilder<Object, Object> b = WriteBehind.builder(codec).sink(new NullAsDelete(sink));
        String ns = spec.getNamespace() == null ? name : spec.getNamespace();
        ConfigErrors.at(prefix + ".namespace", () -> b.namespace(ns));
        WriteBehind<Object, Object> engine = build(p, b);
        caches.put(name, new WriteBehindCache(name, engine, keys, spec.isAllowNullValues(), executor));
        namespaces.put(prefix, new Namespace(prefix, ns, engine.admin(), engine, engine::startWorker));
      });
      p.getCounters().forEach((name, spec) -> {
        String prefix = "writebehind.counters." + name;
        Counters<?> c = counters(prefix, name, spec, p, dataSource);
        counters.put(name, c);
        String ns = spec.getNamespace() == null ? name : spec.getNamespace();
        namespaces.put(prefix, new Namespace(prefix, ns, c.admin(), null, c::startWorker));
      });
    } catch (RuntimeException e) {
      destroy();
      throw e;
    }
  }

  private static Sink<Object, Object> sink(String prefix, String name, WriteBehindProperties.CacheSpec spec,
      BeanFactory beans, java.util.function.Supplier<DataSource> dataSource, JsonCodec codec) {
    if (spec.getSink() != null) {
      if (spec.getTable() != null) {
        throw new WriteBehindConfigException(prefix + ".sink", "set either sink or table, not both");
      }
      @SuppressWarnings("unchecked")
      Sink<Object, Object> s = ConfigErrors.at(prefix + ".sink", () -> beans.getBean(spec.getSink(), Sink.class));
      return s;
    }
    if (spec.getTable() == null) {
      throw new WriteBehindConfigException(prefix + ".table", "is required (or name a Sink bean in " + prefix + ".sink)");
    }
    PropertyColumns binder = spec.getColumns().isEmpty()
        ? PropertyColumns.json(codec)
        : ConfigErrors.at(prefix + ".columns", () -> PropertyColumns.properties(name, spec.getValueType(), spec.getColumns()));
    List<String> columns = spec.getColumns().isEmpty() ? List.of(spec.getJsonColumn()) : spec.getColumns();
    DataSource ds = dataSource.get();
    if (ds == null) {
      throw new WriteBehindConfigException(prefix + ".table", "needs a DataSource bean (spring.datasource.url)");
    }
    return ConfigErrors.at(prefix + ".table", () -> JdbcSink.<Object, Object>builder()
        .dataSource(ds)
        .table(spec.getTable())
        .keyColumn(spec.getKeyColumn())
        .versionColumn(spec.getVersionColumn())
        .columns(columns)
        .binder(binder)
        .build());
  }

  private static Counters<?> counters(String prefix, String name, WriteBehindProperties.CounterSpec spec,
      WriteBehindProperties p, java.util.function.Supplier<DataSource> dataSource) {
    if (spec.getTable() == null) {
      throw new WriteBehindConfigException(prefix + ".table", "is required");
    }
    if (spec.getFields().isEmpty()) {
      throw new WriteBehindConfigException(prefix + ".fields", "must name at least one column");
    }
    DataSource ds = dataSource.get();
    if (ds == null) {
      throw new WriteBehindConfigException(prefix + ".table", "needs a DataSource bean (spring.datasource.url)");
    }
    KeyCodec<Object> keys = spec.getKeyType() == WriteBehindProperties.CounterKeyType.LONG
        ? widen(Codecs.longKeys()) : widen(Codecs.textKeys());
    CountersBuilder<Object> b = Counters.builder(keys);
    String ns = spec.getNamespace() == null ? name : spec.getNamespace();
    ConfigErrors.at(prefix + ".namespace", () -> b.namespace(ns));
    ConfigErrors.at(prefix + ".fields", () -> b.fields(spec.getFields().toArray(String[]::new)));
    ConfigErrors.at(prefix + ".table", () -> b.sink(JdbcCounterSink.builder(ds, spec.getTable(), spec.getKeyColumn()).build()));
    ConfigErrors.at("writebehind.valkey-url", () -> b.valkeyUrl(p.getValkeyUrl()));
    ConfigErrors.at("writebehind.partitions", () -> b.partitions(p.getPartitions()));
    ConfigErrors.at("writebehind.ttl", () -> b.ttl(p.getTtl()));
    ConfigErrors.at("writebehind.command-timeout", () -> b.commandTimeout(p.getCommandTimeout()));
    return ConfigErrors.at("writebehind", b::build);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static KeyCodec<Object> widen(KeyCodec<?> codec) {
    return (KeyCodec) codec;
  }

  private static WriteBehind<Object, Object> build(WriteBehindProperties p, WriteBehindBuilder<Object, Object> b) {
    ConfigErrors.at("writebehind.valkey-url", () -> b.valkeyUrl(p.getValkeyUrl()));
    ConfigErrors.at("writebehind.partitions", () -> b.partitions(p.getPartitions()));
    ConfigErrors.at("writebehind.ttl", () -> b.ttl(p.getTtl()));
    ConfigErrors.at("writebehind.max-journal-length", () -> b.maxJournalLength(p.getMaxJournalLength()));
    ConfigErrors.at("writebehind.command-timeout", () -> b.commandTimeout(p.getCommandTimeout()));
    ConfigErrors.at("writebehind.overflow", () -> b.overflow(p.getOverflow()));
    ConfigErrors.at("writebehind.block-timeout", () -> b.blockTimeout(p.getBlockTimeout()));
    ConfigErrors.at("writebehind.durability", () -> b.durability(durability(p.getDurability())));
    return ConfigErrors.at("writebehind", b::build);
  }

  private static Durability durability(WriteBehindProperties.Durability d) {
    return switch (d.getMode()) {
      case MEMORY -> Durability.MEMORY;
      case AOF -> Durability.aof(d.getTimeout());
      case REPLICAS -> Durability.replicas(d.getReplicas(), d.getTimeout());
      case REPLICAS_AND_AOF -> Durability.replicasAndAof(d.getReplicas(), d.getTimeout());
    };
  }

  /** The caches by name, in the order of the properties. */
  public Map<String, WriteBehindCache> caches() {
    return Collections.unmodifiableMap(caches);
  }

  /**
   * The counters named {@code name} in {@code writebehind.counters}.
   *
   * @throws IllegalArgumentException if there are none of that name
   */
  @SuppressWarnings("unchecked")
  public <K> Counters<K> counters(String name) {
    Counters<?> c = counters.get(name);
    if (c == null) {
      throw new IllegalArgumentException("no counters '" + name + "' in writebehind.counters (there are "
          + counters.keySet() + ")");
    }
    return (Counters<K>) c;
  }

  List<Namespace> namespaces() {
    return new ArrayList<>(namespaces.values());
  }

  @Override
  public void destroy() {
    caches.values().forEach(c -> c.getNativeCache().close());
    counters.values().forEach(Counters::close);
  }
}
