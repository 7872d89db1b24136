package io.writebehind.cli;

import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.UUID;

/** An ACL user on the test Valkey for one test (every command, the given keys only); deleted on close. */
final class AclUser implements AutoCloseable {
  private final String adminUrl;
  private final String name;
  private final String password;

  private AclUser(String adminUrl, String name, String password) {
    this.adminUrl = adminUrl;
    this.name = name;
    this.password = password;
  }

  static AclUser create(String adminUrl, String keyPattern) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    AclUser user = new AclUser(adminUrl, "cli-test-acl-" + suffix, "pw-" + suffix + "-SECRET");
    user.admin(c -> c.sync().aclSetuser(user.name,
        AclSetuserArgs.Builder.on().addPassword(user.password).keyPattern(keyPattern).allCommands().allChannels()));
    return user;
  }

  String password() {
    return password;
  }

  /** The admin URL with this user and password in it. */
  String url() {
    return adminUrl.replaceFirst("://", "://" + name + ":" + password + "@");
  }

  @Override
  public void close() {
    admin(c -> c.sync().aclDeluser(name));
  }

  private void admin(java.util.function.Consumer<StatefulRedisConnection<String, String>> action) {
    RedisClient client = RedisClient.create(adminUrl);
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      action.accept(c);
    } finally {
      client.shutdown();
    }
  }
}
