package io.writebehind.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestServersIT {
  @Test
  void valkeyAnswers() {
    assertThat(Resp.ping(TestServers.valkeyUrl())).as(TestServers.valkeyUrl()).isTrue();
  }

  @Test
  void redisAnswers() {
    assertThat(Resp.ping(TestServers.redisUrl())).as(TestServers.redisUrl()).isTrue();
  }

  @Test
  void redisServersAreValkeyAndRedis7() {
    assertThat(TestServers.redisServers()).extracting(NamedServer::name).containsExactly("valkey", "redis7");
    assertThat(TestServers.redisServers()).allSatisfy(s -> assertThat(Resp.ping(s.url())).isTrue());
  }

  @Test
  void postgresAnswers() throws Exception {
    assertThat(selectOne(TestServers.postgresJdbcUrl())).isEqualTo(1);
  }

  @Test
  void mariadbAnswersOrTheTestIsSkipped() throws Exception {
    assertThat(selectOne(TestServers.mariadbJdbcUrl())).isEqualTo(1);
  }

  private static int selectOne(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
