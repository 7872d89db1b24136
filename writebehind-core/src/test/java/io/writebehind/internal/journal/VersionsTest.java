package io.writebehind.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionsTest {
  @Test
  void entryIdsMapToGrowingNumbers() {
    long a = Versions.fromEntryId("1764133973123-0");
    long b = Versions.fromEntryId("1764133973123-5");
    long c = Versions.fromEntryId("1764133973124-0");
    assertThat(a).isEqualTo(1764133973123_000000L);
    assertThat(a).isLessThan(b);
    assertThat(b).isLessThan(c);
    assertThat(Versions.toEntryId(b)).isEqualTo("1764133973123-5");
    assertThat(Versions.millisOf(b)).isEqualTo(1764133973123L);
  }

  @Test
  void rejectsWhatIsNotAnEntryId() {
    assertThatThrownBy(() -> Versions.fromEntryId("17641")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Versions.fromEntryId("1-")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Versions.fromEntryId("1-1000000")).isInstanceOf(IllegalStateException.class);
  }
}
