package io.writebehind.spring;

import io.writebehind.OverflowPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code writebehind.*} properties: the Valkey server and the engine settings every
 * namespace shares, the worker, the health threshold, and the caches and counters by name.
 * Values are checked by the engine's builders when the context starts; a bad one fails the
 * start with a message naming the property.
 */
@ConfigurationProperties("writebehind")
public class WriteBehindProperties {
  /** Whether to configure write-behind engines, workers and the cache manager at all. */
  private boolean enabled = true;

  /** The Valkey (or Redis) server: redis://[user:password@]host:port[/db], rediss:// for TLS. */
  private String valkeyUrl = "redis://127.0.0.1:6379";

  /** Journal streams each namespace's writes spread over (1 to 16384); fixed for a namespace once written. */
  private int partitions = 16;

  /** How long a flushed value stays cached; 0 keeps it until overwritten or deleted. */
  private Duration ttl = Duration.ofHours(1);

  /** Unflushed writes one partition may hold; past it the overflow policy applies. */
  private long maxJournalLength = 1_000_000;

  /** How long a Valkey command, and so a write, may take. */
  private Duration commandTimeout = Duration.ofSeconds(10);

  /** What a write does when its partition's journal is full: FAIL, BLOCK or WRITE_THROUGH. */
  private OverflowPolicy overflow = OverflowPolicy.FAIL;

  /** How long a write waits for room under overflow BLOCK (shorter than command-timeout). */
  private Duration blockTimeout = Duration.ofSeconds(5);

  private final Durability durability = new Durability();
  private final Worker worker = new Worker();
  private final Health health = new Health();

  /** Write-behind caches for Spring's cache abstraction, by cache name. */
  private Map<String, CacheSpec> caches = new LinkedHashMap<>();

  /** Counters (views, likes) added to the database exactly once, by name. */
  private Map<String, CounterSpec> counters = new LinkedHashMap<>();

  public boolean isEnabled() { return enabled; }
  public void setEnabled(boolean enabled) { this.enabled = enabled; }
  public String getValkeyUrl() { return valkeyUrl; }
  public void setValkeyUrl(String valkeyUrl) { this.valkeyUrl = valkeyUrl; }
  public int getPartitions() { return partitions; }
  public void setPartitions(int partitions) { this.partitions = partitions; }
  public Duration getTtl() { return ttl; }
  public void setTtl(Duration ttl) { this.ttl = ttl; }
  public long getMaxJournalLength() { return maxJournalLength; }
  public void setMaxJournalLength(long maxJournalLength) { this.maxJournalLength = maxJournalLength; }
  public Duration getCommandTimeout() { return commandTimeout; }
  public void setCommandTimeout(Duration commandTimeout) { this.commandTimeout = commandTimeout; }
  public OverflowPolicy getOverflow() { return overflow; }
  public void setOverflow(OverflowPolicy overflow) { this.overflow = overflow; }
  public Duration getBlockTimeout() { return blockTimeout; }
  public void setBlockTimeout(Duration blockTimeout) { this.blockTimeout = blockTimeout; }
  public Durability getDurability() { return durability; }
  public Worker getWorker() { return worker; }
  public Health getHealth() { return health; }
  public Map<String, CacheSpec> getCaches() { return caches; }
  public void setCaches(Map<String, CacheSpec> caches) { this.caches = caches; }
  public Map<String, CounterSpec> getCounters() { return counters; }
  public void setCounters(Map<String, CounterSpec> counters) { this.counters = counters; }

  /** What a write waits for before it returns. */
  public static class Durability {
    /** MEMORY (the write is in Valkey's memory), AOF (fsynced on the server), REPLICAS, or REPLICAS_AND_AOF. */
    private DurabilityMode mode = DurabilityMode.MEMORY;
    /** Replicas that must have the write, for REPLICAS and REPLICAS_AND_AOF. */
    private int replicas = 1;
    /** How long a write waits for the durability asked (shorter than command-timeout). */
    private Duration timeout = Duration.ofSeconds(1);

    public DurabilityMode getMode() { return mode; }
    public void setMode(DurabilityMode mode) { this.mode = mode; }
    public int getReplicas() { return replicas; }
    public void setReplicas(int replicas) { this.replicas = replicas; }
    public Duration getTimeout() { return timeout; }
    public void setTimeout(Duration timeout) { this.timeout = timeout; }
  }

  /** The durability levels of {@link io.writebehind.Durability}. */
  public enum DurabilityMode { MEMORY, AOF, REPLICAS, REPLICAS_AND_AOF }

  /** The worker this application runs for each namespace. */
  public static class Worker {
    /** Whether this application drains the journals into the database (false: another process does). */
    private boolean enabled = true;
    /** Journal entries read for one database transaction (1 to 100000). */
    private int batchSize = 2000;
    /** Drain threads per namespace (1 to 256). */
    private int threads = 1;
    /** Longest wait between polls of an idle journal: bounds the added latency. */
    private Duration linger = Duration.ofMillis(20);
    /** How long a partition stays with a worker that stopped renewing it. */
    private Duration leaseTtl = Duration.ofSeconds(5);
    /** How long stopping the context waits for the batch in flight to commit. */
    private Duration shutdownTimeout = Duration.ofSeconds(10);

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public int getBatchSize() { return batchSize; }
    public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
    public int getThreads() { return threads; }
    public void setThreads(int threads) { this.threads = threads; }
    public Duration getLinger() { return linger; }
    public void setLinger(Duration linger) { this.linger = linger; }
    public Duration getLeaseTtl() { return leaseTtl; }
    public void setLeaseTtl(Duration leaseTtl) { this.leaseTtl = leaseTtl; }
    public Duration getShutdownTimeout() { return shutdownTimeout; }
    public void setShutdownTimeout(Duration shutdownTimeout) { this.shutdownTimeout = shutdownTimeout; }
  }

  /** The Actuator health indicator. */
  public static class Health {
    /** Age of the oldest unflushed write past which the health is OUT_OF_SERVICE. */
    private Duration maxWindow = Duration.ofSeconds(30);
    /** How long the indicator waits for Valkey's answer before reporting DOWN. */
    private Duration timeout = Duration.ofSeconds(2);

    public Duration getMaxWindow() { return maxWindow; }
    public void setMaxWindow(Duration maxWindow) { this.maxWindow = maxWindow; }
    public Duration getTimeout() { return timeout; }
    public void setTimeout(Duration timeout) { this.timeout = timeout; }
  }

  /** One write-behind cache: its namespace in Valkey and where its writes go. */
  public static class CacheSpec {
    /** The Valkey key prefix, [A-Za-z0-9_.-]{1,64}; default the cache's name. */
    private String namespace;
    /** The table the worker writes to (name or schema.name); needed unless sink is set. */
    private String table;
    /** The table's primary key column. */
    private String keyColumn = "id";
    /** The BIGINT column that guards against older writes. */
    private String versionColumn = "wb_version";
    /**
     * Value columns, each filled from the value's property of the same name (snake_case
     * columns match camelCase properties). Empty: the whole value as JSON in json-column.
     */
    private List<String> columns = new ArrayList<>();
    /** The text column that holds the value as JSON when no columns are listed. */
    private String jsonColumn = "payload";
    /** The type of the keys: each key is converted to it (Long, Integer, String, UUID...). */
    private Class<?> keyType = String.class;
    /** The type of the values, read back from their JSON. */
    private Class<?> valueType = Object.class;
    /** Name of a Sink bean to write to instead of the table mapping. */
    private String sink;
    /** Whether null values are cached (as a marker; the database row is deleted). */
    private boolean allowNullValues = true;

    public String getNamespace() { return namespace; }
    public void setNamespace(String namespace) { this.namespace = namespace; }
    public String getTable() { return table; }
    public void setTable(String table) { this.table = table; }
    public String getKeyColumn() { return keyColumn; }
    public void setKeyColumn(String keyColumn) { this.keyColumn = keyColumn; }
    public String getVersionColumn() { return versionColumn; }
    public void setVersionColumn(String versionColumn) { this.versionColumn = versionColumn; }
    public List<String> getColumns() { return columns; }
    public void setColumns(List<String> columns) { this.columns = columns; }
    public String getJsonColumn() { return jsonColumn; }
    public void setJsonColumn(String jsonColumn) { this.jsonColumn = jsonColumn; }
    public Class<?> getKeyType() { return keyType; }
    public void setKeyType(Class<?> keyType) { this.keyType = keyType; }
    public Class<?> getValueType() { return valueType; }
    public void setValueType(Class<?> valueType) { this.valueType = valueType; }
    public String getSink() { return sink; }
    public void setSink(String sink) { this.sink = sink; }
    public boolean isAllowNullValues() { return allowNullValues; }
    public void setAllowNullValues(boolean allowNullValues) { this.allowNullValues = allowNullValues; }
  }

  /** One set of counters: a table whose columns are the counters' fields. */
  public static class CounterSpec {
    /** The Valkey key prefix; default the counters' name. */
    private String namespace;
    /** The table the deltas are added to. */
    private String table;
    /** Its primary key column. */
    private String keyColumn = "id";
    /** The counters' fields, each a BIGINT column of the table. */
    private List<String> fields = new ArrayList<>();
    /** LONG or STRING keys. */
    private CounterKeyType keyType = CounterKeyType.LONG;

    public String getNamespace() { return namespace; }
    public void setNamespace(String namespace) { this.namespace = namespace; }
    public String getTable() { return table; }
    public void setTable(String table) { this.table = table; }
    public String getKeyColumn() { return keyColumn; }
    public void setKeyColumn(String keyColumn) { this.keyColumn = keyColumn; }
    public List<String> getFields() { return fields; }
    public void setFields(List<String> fields) { this.fields = fields; }
    public CounterKeyType getKeyType() { return keyType; }
    public void setKeyType(CounterKeyType keyType) { this.keyType = keyType; }
  }

  /** The key types counters support. */
  public enum CounterKeyType { LONG, STRING }
}
