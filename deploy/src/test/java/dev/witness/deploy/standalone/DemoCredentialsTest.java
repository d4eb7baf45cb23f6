package dev.witness.deploy.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCredentialsTest {

  @TempDir Path root;

  @Test
  void createsADemoApproverOnceAndKeepsIt() throws Exception {
    DataDirectory dir = DataDirectory.open(root);
    DemoCredentials first = DemoCredentials.loadOrCreate(dir);
    Path file = root.resolve("demo-approver.token");
    assertThat(dir.approverToken()).isEqualTo(file);
    assertThat(Files.readString(file).strip()).isEqualTo(first.approverToken()).startsWith("wap");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(first.approver().id()).isEqualTo("demo-approver");
    assertThat(first.approver().roles()).containsExactly("approver");
    assertThat(first.approver().email()).isEqualTo("demo-approver@example.com");
    assertThat(first.approver().tokenSha256()).isEqualTo(TokenDigest.sha256Hex(first.approverToken()));
    assertThat(DemoCredentials.loadOrCreate(dir).approverToken()).isEqualTo(first.approverToken());
    assertThat(first.toString()).doesNotContain(first.approverToken());
  }
}
