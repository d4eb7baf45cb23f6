package dev.witness.schemas.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.witness.schemas.config.CheckpointConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

  private static final byte[] MESSAGE = "checkpoint".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  @Test
  void loadOrCreateWritesAnOwnerOnlyKeyAndItsPublicKeyOnceAndThenLoadsThem() throws IOException {
    Path keyFile = dir.resolve("checkpoint-signing.key");

    SigningKey created = SigningKeys.loadOrCreate(keyFile);
    SigningKey loaded = SigningKeys.loadOrCreate(keyFile);

    assertThat(Files.readString(keyFile)).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    Path pubFile = dir.resolve("checkpoint-signing.pub");
    assertThat(Files.readString(pubFile)).startsWith("-----BEGIN PUBLIC KEY-----");
    assertThat(loaded.keyId()).isEqualTo(created.keyId()).matches("[0-9a-f]{16}");
    assertThat(SigningKeys.readPublicKey(pubFile)).isEqualTo(created.publicKey());
    assertThat(TrustedKeys.of(created.publicKey()).verify(created.keyId(), MESSAGE, loaded.sign(MESSAGE))).isTrue();
  }

  @Test
  void theKeyIdIsTheStartOfTheSha256OfThePublicKey() {
    SigningKey key = SigningKeys.generate();

    assertThat(key.keyId()).isEqualTo(HexFormat.of().formatHex(Sha256.digest(key.publicKey().getEncoded())).substring(0, 16));
    assertThat(key.toString()).isEqualTo("SigningKey[keyId=" + key.keyId() + "]");
  }

  @Test
  void thePublicKeyIsDerivedFromThePrivateKeyAlone() throws IOException {
    SigningKey key = SigningKeys.generate();
    Path keyFile = dir.resolve("only.key");
    SigningKeys.writePrivateKey(keyFile, key.privateKey());

    SigningKey loaded = SigningKeys.load(keyFile);

    assertThat(loaded.publicKey().getEncoded()).isEqualTo(key.publicKey().getEncoded());
    assertThat(Files.exists(dir.resolve("only.pub"))).isFalse();
  }

  @Test
  void aPublicKeyFileOfAnotherKeyIsRefused() throws IOException {
    Path keyFile = dir.resolve("a.key");
    SigningKeys.writePrivateKey(keyFile, SigningKeys.generate().privateKey());
    SigningKeys.writePublicKey(dir.resolve("a.pub"), SigningKeys.generate().publicKey());

    assertThatThrownBy(() -> SigningKeys.load(keyFile)).hasMessageContaining("is not the public key of");
  }

  @Test
  void anExistingKeyIsNeverOverwritten() throws IOException {
    Path keyFile = dir.resolve("k.key");
    SigningKeys.writePrivateKey(keyFile, SigningKeys.generate().privateKey());
    String before = Files.readString(keyFile);

    assertThatThrownBy(() -> SigningKeys.writePrivateKey(keyFile, SigningKeys.generate().privateKey()))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(keyFile)).isEqualTo(before);
  }

  @Test
  void aFileWithoutAKeyIsNamedWithoutItsContents() throws IOException {
    Path keyFile = dir.resolve("broken.key");
    Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n-----END PRIVATE KEY-----\n");
    Path notPem = dir.resolve("plain.key");
    Files.writeString(notPem, "secret");

    assertThatThrownBy(() -> SigningKeys.load(keyFile))
        .hasMessageContaining("broken.key holds no Ed25519 private key").hasMessageNotContaining("c2VjcmV0");
    assertThatThrownBy(() -> SigningKeys.load(notPem))
        .hasMessageContaining("is not a PEM file").hasMessageNotContaining("secret");
  }

  @Test
  void readsAndWritesTheFilesOfOpenssl() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is installed");
    Path keyFile = dir.resolve("openssl.key");
    Path pubFile = dir.resolve("openssl.pub");
    run("openssl", "genpkey", "-algorithm", "ed25519", "-out", keyFile.toString());
    run("openssl", "pkey", "-in", keyFile.toString(), "-pubout", "-out", pubFile.toString());

    SigningKey key = SigningKeys.load(keyFile);

    assertThat(key.publicKey()).isEqualTo(SigningKeys.readPublicKey(pubFile));
    Path ours = dir.resolve("ours.pub");
    SigningKeys.writePublicKey(ours, key.publicKey());
    Path message = dir.resolve("message");
    Path signature = dir.resolve("signature");
    Files.write(message, MESSAGE);
    Files.write(signature, key.sign(MESSAGE));
    String verified = run("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", ours.toString(), "-rawin",
        "-in", message.toString(), "-sigfile", signature.toString());
    assertThat(verified).contains("Signature Verified Successfully");
  }

  @Test
  void theConfiguredKeyIsLoadedAndStandaloneMakesOneInTheDataDir() throws IOException {
    Path keyFile = dir.resolve("prod.key");
    SigningKey prod = SigningKeys.generate();
    SigningKeys.writePrivateKey(keyFile, prod.privateKey());
    Path dataDir = dir.resolve("data");

    assertThat(SigningKeys.configured(CheckpointConfig.defaults().withSigningKeyFile(keyFile.toString()), dataDir).keyId())
        .isEqualTo(prod.keyId());
    SigningKey standalone = SigningKeys.configured(CheckpointConfig.defaults(), dataDir);
    assertThat(dataDir.resolve("checkpoint-signing.key")).exists();
    assertThat(dataDir.resolve("checkpoint-signing.pub")).exists();
    assertThat(SigningKeys.configured(CheckpointConfig.defaults(), dataDir).keyId()).isEqualTo(standalone.keyId());
    assertThatThrownBy(() -> SigningKeys.configured(CheckpointConfig.defaults(), null))
        .hasMessageContaining("streams.checkpoint.signingKeyFile: missing");
    assertThatThrownBy(() -> SigningKeys.configured(
            CheckpointConfig.defaults().withSigningKeyFile(dir.resolve("absent.key").toString()), dataDir))
        .hasMessageContaining("absent.key does not exist");
    assertThat(dir.resolve("absent.key")).doesNotExist();
  }

  @Test
  void trustedKeysParseTheirPemText() {
    PublicKey key = SigningKeys.generate().publicKey();

    assertThat(SigningKeys.parsePublicKey(SigningKeys.publicKeyPem(key))).isEqualTo(key);
    assertThatThrownBy(() -> SigningKeys.parsePublicKey("nonsense")).isInstanceOf(IllegalArgumentException.class);
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as("%s: %s", String.join(" ", command), output).isZero();
    return output;
  }
}
