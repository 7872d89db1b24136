package io.writebehind.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./writebehind} launcher's first build: it says what it builds and that it takes
 * a while, and runs Maven plain (batch mode, quiet, no colour, no reset codes from Debian's
 * Maven 3.8). A stand-in {@code mvn} first on PATH records how it was called and fails, so
 * the failure message shows too.
 */
class LauncherScriptTest {
  @Test
  void firstBuildSaysWhatItDoesAndRunsMavenPlain(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("checkout");
    Files.createDirectories(root.resolve("writebehind-cli/src/main/java"));
    Files.writeString(root.resolve("pom.xml"), "<project/>");
    Path script = root.resolve("writebehind");
    Files.copy(Path.of("..", "writebehind"), script);
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path calls = dir.resolve("mvn-calls.txt");
    Path mvn = bin.resolve("mvn");
    Files.writeString(mvn, "#!/usr/bin/env bash\n"
        + "echo \"args: $*\" > '" + calls + "'\n"
        + "echo \"MAVEN_OPTS: ${MAVEN_OPTS:-}\" >> '" + calls + "'\n"
        + "echo '[ERROR] a compile error' \n"
        + "exit 1\n");
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));

    ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "status").directory(dir.toFile());
    pb.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
    pb.environment().remove("MAVEN_OPTS");
    pb.redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(err).isEqualTo(1);
    assertThat(err.lines().toList()).containsExactly(
        "Building writebehind.jar (first use, about a minute)...",
        "[ERROR] a compile error",
        "writebehind: building writebehind.jar failed (Maven's errors above)");
    String called = Files.readString(calls);
    assertThat(called).contains(" -q ", " -B ", " -ntp ", "-Dstyle.color=never", "-pl writebehind-cli -am package",
        "-Djansi.noreset=true");
  }
}
