package io.writebehind.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {

  @ParameterizedTest
  @ValueSource(strings = {"t", "_t", "T1", "wb_version", "a23456789012345678901234567890123456789012345678901234567890123"})
  void acceptsPlainNames(String name) {
    assertThat(Identifiers.requireSimple("columns", name)).isEqualTo(name);
    assertThat(Identifiers.requireQualified("table", name)).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1t", "t-1", "t t", "t;", "t\"", "t`", "a.b.c", ".t", "t.",
      "a234567890123456789012345678901234567890123456789012345678901234", "ünïcode"})
  void rejectsEverythingElse(String name) {
    assertThatThrownBy(() -> Identifiers.requireQualified("table", name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("table must match");
  }

  @Test
  void rejectsInjectionNamingFieldAndValue() {
    assertThatThrownBy(() -> Identifiers.requireQualified("table", "t; DROP TABLE x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("table")
        .hasMessageContaining("'t; DROP TABLE x'");
    assertThatThrownBy(() -> Identifiers.requireSimple("keyColumn", "id) OR (1=1"))
        .hasMessageContaining("keyColumn")
        .hasMessageContaining("id) OR (1=1");
  }

  @Test
  void schemaQualifiedOnlyWhereAllowed() {
    assertThat(Identifiers.requireQualified("table", "app.t")).isEqualTo("app.t");
    assertThatThrownBy(() -> Identifiers.requireSimple("columns", "app.t"))
        .hasMessageContaining("columns");
  }

  @Test
  void nullNamesTheField() {
    assertThatThrownBy(() -> Identifiers.requireSimple("versionColumn", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("versionColumn must not be null");
  }

  @Test
  void controlCharactersAreNotEchoed() {
    assertThatThrownBy(() -> Identifiers.requireSimple("columns", "a\nb"))
        .hasMessageContaining("'a?b'");
  }

  @Test
  void quotesPerDialect() {
    assertThat(Identifiers.quote(Dialect.POSTGRESQL, "app.t")).isEqualTo("\"app\".\"t\"");
    assertThat(Identifiers.quote(Dialect.H2, "t")).isEqualTo("\"t\"");
    assertThat(Identifiers.quote(Dialect.MARIADB, "app.t")).isEqualTo("`app`.`t`");
  }
}
