package dev.witness.streams.masking.detect;

import java.util.List;

/** The built-in detectors by name (the names of {@code MaskingConfig.DETECTORS}). */
public final class Detectors {

  private Detectors() {}

  /** The built-in detector called {@code name}; throws on an unknown name. */
  public static Detector builtIn(String name, String phoneRegion) {
    return switch (name) {
      case "email" -> new EmailDetector();
      case "phone" -> new PhoneDetector(phoneRegion);
      case "card" -> new CardDetector();
      case "iban" -> new IbanDetector();
      case "ssn" -> new SsnDetector();
      case "nino" -> new NinoDetector();
      case "ip" -> new IpAddressDetector();
      case "aws_key_id" -> new PrefixTokenDetector(name,
          List.of("AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AIPA", "ANPA", "ANVA", "AROA", "APKA"), "A-Z0-9", 16, 16);
      case "aws_secret_key" -> new AwsSecretKeyDetector();
      case "github_token" -> new PrefixTokenDetector(name,
          List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"), "A-Za-z0-9_", 36, 255);
      case "gitlab_token" -> new PrefixTokenDetector(name, List.of("glpat-"), "A-Za-z0-9_.-", 20, 255);
      case "slack_token" -> new PrefixTokenDetector(name,
          List.of("xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-"), "A-Za-z0-9-", 10, 255);
      case "stripe_key" -> new PrefixTokenDetector(name, List.of("sk_live_", "rk_live_"), "A-Za-z0-9", 24, 255);
      case "jwt" -> new JwtDetector();
      case "private_key" -> new PrivateKeyDetector();
      case "secret" -> new SecretFieldDetector();
      case "dob" -> new BirthDateFieldDetector();
      default -> throw new IllegalArgumentException("unknown detector " + name);
    };
  }
}
