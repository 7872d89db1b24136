package io.writebehind.testkit;

/** A child-JVM main for ChildJvmIT: prints its args and an env var, then sleeps or exits with a code. */
public final class SleeperMain {
  private SleeperMain() {}

  public static void main(String[] args) throws Exception {
    // the hook first: a SIGTERM right after "started" must find it
    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
    System.out.println("started " + String.join(",", args) + " env=" + System.getenv("WB_CHILD_TEST"));
    System.out.flush();
    if (args.length > 0 && args[0].equals("exit")) {
      System.exit(Integer.parseInt(args[1]));
    }
    Thread.sleep(60_000);
  }
}
