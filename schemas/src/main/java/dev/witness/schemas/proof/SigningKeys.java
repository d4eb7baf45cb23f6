package dev.witness.schemas.proof;

import dev.witness.schemas.config.CheckpointConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * Ed25519 key files for checkpoint signing, in the PEM forms OpenSSL reads and writes: the private
 * key as PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}, e.g. {@code openssl genpkey -algorithm
 * ed25519}) and the public key as X.509 SubjectPublicKeyInfo ({@code -----BEGIN PUBLIC KEY-----},
 * {@code openssl pkey -pubout}). A key's id is the first 16 hex digits of the SHA-256 of its
 * public key's DER encoding.
 */
public final class SigningKeys {

  /** The JDK's name of the signature algorithm and key type. */
  public static final String ALGORITHM = "Ed25519";

  /** The key file standalone keeps in its data directory when {@code streams.checkpoint.signingKeyFile} is not set. */
  public static final String STANDALONE_KEY_FILE = "checkpoint-signing.key";

  private static final String PRIVATE_LABEL = "PRIVATE KEY";
  private static final String PUBLIC_LABEL = "PUBLIC KEY";
  private static final byte[] PROBE = "witness key pair check".getBytes(StandardCharsets.UTF_8);

  private SigningKeys() {}

  /** A fresh key pair from the JDK's strong random source. */
  public static SigningKey generate() {
    try {
      KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
      return SigningKey.of(pair.getPrivate(), pair.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is required of every JDK since 15", e);
    }
  }

  /** The id of {@code publicKey}: the first 16 lower-case hex digits of SHA-256 of its X.509 DER encoding. */
  public static String keyId(PublicKey publicKey) {
    return HexFormat.of().formatHex(Sha256.digest(publicKey.getEncoded()), 0, 8);
  }

  /** Where the public key of {@code privateKeyFile} goes: {@code name.key} → {@code name.pub}, else the name plus {@code .pub}. */
  public static Path publicKeyFile(Path privateKeyFile) {
    String name = privateKeyFile.getFileName().toString();
    String pub = name.endsWith(".key") ? name.substring(0, name.length() - 4) + ".pub" : name + ".pub";
    return privateKeyFile.resolveSibling(pub);
  }

  /**
   * Loads the signing key in {@code privateKeyFile}. Its public key is derived from it and, when
   * {@link #publicKeyFile} exists, must match that file.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if it holds no Ed25519 private key or the public key file does not match
   */
  public static SigningKey load(Path privateKeyFile) throws IOException {
    PrivateKey privateKey = readPrivateKey(privateKeyFile);
    PublicKey publicKey = publicKeyOf(privateKey);
    Path pubFile = publicKeyFile(privateKeyFile);
    if (Files.exists(pubFile) && !Arrays.equals(readPublicKey(pubFile).getEncoded(), publicKey.getEncoded())) {
      throw new IllegalArgumentException(pubFile + " is not the public key of " + privateKeyFile
          + "; delete it to have it written again, or restore the matching key");
    }
    return SigningKey.of(privateKey, publicKey);
  }

  /**
   * Loads the signing key in {@code privateKeyFile}, or creates a new pair there (private key
   * readable by the owner only) and its public key beside it ({@link #publicKeyFile}); used by
   * {@code witness standalone} for {@code <data-dir>/checkpoint-signing.key}.
   */
  public static SigningKey loadOrCreate(Path privateKeyFile) throws IOException {
    if (!Files.exists(privateKeyFile)) {
      SigningKey created = generate();
      try {
        writePrivateKey(privateKeyFile, created.privateKey());
      } catch (FileAlreadyExistsException raced) {
        return load(privateKeyFile);
      }
    }
    SigningKey key = load(privateKeyFile);
    Path pubFile = publicKeyFile(privateKeyFile);
    if (!Files.exists(pubFile)) {
      writePublicKey(pubFile, key.publicKey());
    }
    return key;
  }

  /**
   * The signing key {@code witness.yaml} names: the configured {@code signingKeyFile}, which must
   * exist (a production key is never made up on the spot), or else, for standalone,
   * {@code <dataDir>/checkpoint-signing.key}, created on first start with its {@code .pub}.
   *
   * @param dataDir standalone's data directory; null outside standalone
   * @throws IllegalArgumentException if no key file is configured outside standalone, or the file holds no key
   */
  public static SigningKey configured(CheckpointConfig config, Path dataDir) throws IOException {
    if (config.signingKeyFile() != null) {
      Path file = Path.of(config.signingKeyFile());
      if (!Files.exists(file)) {
        throw new IllegalArgumentException("streams.checkpoint.signingKeyFile: " + file + " does not exist; create it with: "
            + "openssl genpkey -algorithm ed25519 -out " + file);
      }
      return load(file);
    }
    if (dataDir == null) {
      throw new IllegalArgumentException("streams.checkpoint.signingKeyFile: missing; name the Ed25519 key that signs "
          + "checkpoints (openssl genpkey -algorithm ed25519 -out checkpoint-signing.key)");
    }
    return loadOrCreate(dataDir.resolve(STANDALONE_KEY_FILE));
  }

  /**
   * Writes {@code privateKey} as PKCS#8 PEM to a new file readable and writable by the owner only.
   *
   * @throws FileAlreadyExistsException if {@code file} exists: a signing key is never overwritten
   */
  public static void writePrivateKey(Path file, PrivateKey privateKey) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    byte[] pem = pem(PRIVATE_LABEL, privateKey.getEncoded()).getBytes(StandardCharsets.US_ASCII);
    Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    // CREATE_NEW: a signing key is never overwritten; the owner-only mode is set as the file is created.
    try (SeekableByteChannel out = ownerOnly(file, options)) {
      out.write(ByteBuffer.wrap(pem));
    }
  }

  private static SeekableByteChannel ownerOnly(Path file, Set<StandardOpenOption> options) throws IOException {
    try {
      return Files.newByteChannel(file, options,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the data directory's ACL protects the file.
      return Files.newByteChannel(file, options);
    }
  }

  /** Writes {@code publicKey} as X.509 PEM to {@code file}, replacing it. */
  public static void writePublicKey(Path file, PublicKey publicKey) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, pem(PUBLIC_LABEL, publicKey.getEncoded()), StandardCharsets.US_ASCII);
  }

  /**
   * Reads an Ed25519 private key from a PKCS#8 PEM file.
   *
   * @throws IllegalArgumentException naming the file (never its contents) if it holds no such key
   */
  public static PrivateKey readPrivateKey(Path file) throws IOException {
    byte[] der = der(file, PRIVATE_LABEL);
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(file + " holds no Ed25519 private key; create one with: "
          + "openssl genpkey -algorithm ed25519 -out " + file.getFileName());
    }
  }

  /**
   * Reads an Ed25519 public key from an X.509 PEM file.
   *
   * @throws IllegalArgumentException naming the file if it holds no such key
   */
  public static PublicKey readPublicKey(Path file) throws IOException {
    byte[] der = der(file, PUBLIC_LABEL);
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(file + " holds no Ed25519 public key; derive it with: "
          + "openssl pkey -in <private key> -pubout -out " + file.getFileName());
    }
  }

  /** Parses the X.509 PEM text of an Ed25519 public key (as in an export bundle). */
  public static PublicKey parsePublicKey(String pem) {
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(pem, PUBLIC_LABEL, "the text")));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the text holds no Ed25519 public key");
    }
  }

  /** The X.509 PEM text of {@code publicKey}. */
  public static String publicKeyPem(PublicKey publicKey) {
    return pem(PUBLIC_LABEL, publicKey.getEncoded());
  }

  /**
   * The public key of an Ed25519 private key. The JDK has no call for it, but its key pair
   * generator turns 32 random bytes into the private key and derives the public one from them; fed
   * the private key's own bytes it derives that key's public key. The pair is checked by signing.
   */
  public static PublicKey publicKeyOf(PrivateKey privateKey) {
    if (!(privateKey instanceof EdECPrivateKey edec) || edec.getBytes().isEmpty()) {
      throw new IllegalArgumentException("not an Ed25519 private key");
    }
    byte[] seed = edec.getBytes().get();
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
      generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
      PublicKey publicKey = generator.generateKeyPair().getPublic();
      SigningKey pair = SigningKey.of(privateKey, publicKey);
      if (!TrustedKeys.of(publicKey).verify(pair.keyId(), PROBE, pair.sign(PROBE))) {
        throw new IllegalStateException("the derived Ed25519 public key does not verify the private key's signature");
      }
      return publicKey;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is required of every JDK since 15", e);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }

  private static byte[] der(Path file, String label) throws IOException {
    return der(Files.readString(file, StandardCharsets.US_ASCII), label, file.toString());
  }

  private static byte[] der(String text, String label, String source) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException(source + " is not a PEM file with a " + begin + " block");
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + " has a " + begin + " block that is not base64");
    }
  }

  /** A random source that yields given bytes: only for deriving a public key. */
  private static final class FixedBytes extends SecureRandom {

    private static final long serialVersionUID = 1L;
    private final transient byte[] bytes;

    FixedBytes(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public void nextBytes(byte[] out) {
      if (out.length != bytes.length) {
        throw new IllegalStateException("expected a request for " + bytes.length + " bytes, got " + out.length);
      }
      System.arraycopy(bytes, 0, out, 0, out.length);
    }
  }
}
