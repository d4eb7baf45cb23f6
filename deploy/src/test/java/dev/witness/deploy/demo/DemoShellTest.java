package dev.witness.deploy.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DemoShellTest {

  @Test
  void answersKnownCommandsFromThePodsName() {
    assertThat(DemoShell.run("billing-api", List.of("echo", "hello", "world")))
        .isEqualTo(new DemoShell.Result("hello world\n", "", 0));
    assertThat(DemoShell.run("billing-api", List.of("cat", "/etc/hostname")).stdout()).isEqualTo("billing-api\n");
    assertThat(DemoShell.run("crm-sync", List.of("env")).stdout()).contains("HOSTNAME=crm-sync\n")
        .contains("SUPPORT_CONTACT=crm-sync-oncall@example.com\n");
    assertThat(DemoShell.run("crm-sync", List.of("false")).exitCode()).isEqualTo(1);
  }

  @Test
  void failsLikeAShell() {
    DemoShell.Result missing = DemoShell.run("billing-api", List.of("cat", "/etc/hostname", "/etc/shadow"));
    assertThat(missing.stdout()).isEqualTo("billing-api\n");
    assertThat(missing.stderr()).isEqualTo("cat: /etc/shadow: No such file or directory\n");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(DemoShell.run("billing-api", List.of("rm", "-rf", "/"))).isEqualTo(
        new DemoShell.Result("", "demo shell: rm: command not found\n", 127));
  }

  @Test
  void theFinalStatusCarriesTheExitCode() {
    assertThat(DemoExecSession.status(0)).isEqualTo("{\"metadata\":{},\"status\":\"Success\"}");
    assertThat(DemoExecSession.status(3)).contains("\"reason\":\"NonZeroExitCode\"")
        .contains("{\"reason\":\"ExitCode\",\"message\":\"3\"}");
  }
}
