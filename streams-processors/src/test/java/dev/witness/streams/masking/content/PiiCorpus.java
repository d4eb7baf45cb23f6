package dev.witness.streams.masking.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded, labeled corpus: sensitive values of each type (valid by their checksums and rules) and
 * hard negatives (Luhn-invalid numbers, dates, order ids, UUIDs, versions, hashes) to embed in
 * realistic JSON documents and SQL rows.
 */
public final class PiiCorpus {

  /** A value and the type it is, or null for a negative. */
  public record Labeled(String value, String type) {}

  private static final String[] FIRST = {"jane", "john", "ana", "li", "omar", "sven", "maria", "kofi"};
  private static final String[] DOMAINS = {"example.com", "corp.example", "mail.example.org", "shop.example.co.uk"};
  private static final String[] AREA = {"415", "212", "646", "303", "512", "617", "206", "404"};
  private static final String[] NINO_PREFIX = {"AB", "JG", "CE", "HR", "SP", "WK", "PA", "MZ"};
  private static final String[] TYPES = {"email", "phone", "card", "iban", "ssn", "nino", "ip", "aws_key_id", "jwt"};

  private final Random random;

  public PiiCorpus(long seed) {
    this.random = new Random(seed);
  }

  public List<Labeled> positives(int n) {
    List<Labeled> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String type = TYPES[i % TYPES.length];
      out.add(new Labeled(positive(type), type));
    }
    return out;
  }

  public List<Labeled> negatives(int n) {
    List<Labeled> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new Labeled(negative(i % 9), null));
    }
    return out;
  }

  private String positive(String type) {
    return switch (type) {
      case "email" -> pick(FIRST) + "." + pick(FIRST) + random.nextInt(1000) + "@" + pick(DOMAINS);
      case "phone" -> "(" + pick(AREA) + ") " + (200 + random.nextInt(700)) + "-" + digits(4);
      case "card" -> card();
      case "iban" -> iban();
      case "ssn" -> String.format("%03d-%02d-%04d", 1 + random.nextInt(665), 1 + random.nextInt(99), 1 + random.nextInt(9999));
      case "nino" -> pick(NINO_PREFIX) + digits(6) + "ABCD".charAt(random.nextInt(4));
      case "ip" -> "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
      case "aws_key_id" -> "AKIA" + upperAlnum(16);
      case "jwt" -> "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI" + upperAlnum(12) + "In0." + upperAlnum(30);
      default -> throw new IllegalArgumentException(type);
    };
  }

  private String negative(int kind) {
    return switch (kind) {
      case 0 -> luhnInvalidCard();
      case 1 -> String.format("2%03d-%02d-%02d", random.nextInt(30), 1 + random.nextInt(12), 1 + random.nextInt(28));
      case 2 -> "ORD-" + digits(10);
      case 3 -> java.util.UUID.nameUUIDFromBytes(digits(8).getBytes()).toString();
      case 4 -> random.nextInt(10) + "." + random.nextInt(20) + "." + random.nextInt(50) + "." + random.nextInt(9) + ".1";
      case 5 -> Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
      case 6 -> "user" + random.nextInt(1000) + " at example dot com";
      case 7 -> String.format("%02d:%02d:%02d", random.nextInt(24), random.nextInt(60), random.nextInt(60));
      default -> "invoice " + digits(6) + " total " + random.nextInt(10_000) + "." + digits(2);
    };
  }

  private String card() {
    String prefix = switch (random.nextInt(3)) {
      case 0 -> "4";
      case 1 -> "5" + (1 + random.nextInt(5));
      default -> "6011";
    };
    String body = prefix + digits(15 - prefix.length());
    return body + luhnDigit(body);
  }

  private String luhnInvalidCard() {
    String body = "4" + digits(14);
    return body + (luhnDigit(body) + 1 + random.nextInt(9)) % 10;
  }

  private String iban() {
    String bban = digits(18);
    java.math.BigInteger n = new java.math.BigInteger(bban + "131400");
    int check = 98 - n.mod(java.math.BigInteger.valueOf(97)).intValue();
    return "DE" + String.format("%02d", check) + bban;
  }

  private static int luhnDigit(String body) {
    int sum = 0;
    boolean doubleIt = true;
    for (int i = body.length() - 1; i >= 0; i--) {
      int d = body.charAt(i) - '0';
      if (doubleIt) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
      doubleIt = !doubleIt;
    }
    return (10 - sum % 10) % 10;
  }

  private String digits(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append((char) ('0' + random.nextInt(10)));
    }
    return sb.toString();
  }

  private String upperAlnum(int n) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }
}
