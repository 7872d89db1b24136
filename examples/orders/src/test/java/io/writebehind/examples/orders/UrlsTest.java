package io.writebehind.examples.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UrlsTest {
  @Test
  void passwordsAreMasked() {
    assertEquals("redis://127.0.0.1:6380", Urls.withoutPassword("redis://127.0.0.1:6380"));
    assertEquals("rediss://app:***@cache:6380", Urls.withoutPassword("rediss://app:s3cret@cache:6380"));
    assertEquals("redis://***@cache:6379/0", Urls.withoutPassword("redis://s3cret@cache:6379/0"));
    assertEquals("redis://app:***@cache", Urls.withoutPassword("redis://app:a@b/c@cache"));
    assertEquals("jdbc:postgresql://db:5432/app?user=app&password=***&ssl=true",
        Urls.withoutPassword("jdbc:postgresql://db:5432/app?user=app&password=s3cret&ssl=true"));
    assertEquals("jdbc:postgresql://db/app?sslpassword=***",
        Urls.withoutPassword("jdbc:postgresql://db/app?sslpassword=k3y"));
    assertEquals("jdbc:postgresql://127.0.0.1:5432/test?user=postgres",
        Urls.withoutPassword("jdbc:postgresql://127.0.0.1:5432/test?user=postgres"));
  }

  @Test
  void anExceptionIsOneLine() {
    Exception e = new IllegalStateException("cannot build\nthe sink", new java.sql.SQLException("connection refused"));
    assertEquals("IllegalStateException: cannot build the sink (cause: SQLException: connection refused)",
        Urls.oneLine(e));
  }
}
