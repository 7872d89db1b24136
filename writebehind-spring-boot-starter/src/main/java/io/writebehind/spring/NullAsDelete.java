package io.writebehind.spring;

import io.writebehind.sink.Sink;
import io.writebehind.sink.SinkRecord;
import java.util.ArrayList;
import java.util.List;
import org.springframework.cache.support.NullValue;

/**
 * A cached null (Spring's {@link NullValue}) says the key has no value: the database gets a
 * delete for it, so that a row never holds the marker and a later miss loads null again.
 */
final class NullAsDelete implements Sink<Object, Object> {
  private final Sink<Object, Object> sink;

  NullAsDelete(Sink<Object, Object> sink) {
    this.sink = sink;
  }

  @Override
  public int apply(List<SinkRecord<Object, Object>> batch) throws Exception {
    List<SinkRecord<Object, Object>> out = new ArrayList<>(batch.size());
    for (SinkRecord<Object, Object> r : batch) {
      out.add(r.value() instanceof NullValue
          ? new SinkRecord<>(r.key(), null, r.version(), r.writtenAtMillis(), r.meta(), r.coalesced())
          : r);
    }
    return sink.apply(out);
  }
}
