package dev.witness.deploy.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates the demo {@code customers} rows: realistic-looking but synthetic PII (valid card
 * checksums and IBAN check digits, reserved phone ranges, example.com-style domains), seeded so
 * every installation has the same data.
 */
public final class SyntheticCustomers {

  private static final String[] FIRST = {"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances",
      "Ken", "Margaret", "Linus", "Radia", "Leslie", "Tim", "Hedy", "John", "Katherine"};
  private static final String[] LAST = {"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen",
      "Thompson", "Hamilton", "Torvalds", "Perlman", "Lamport", "Berners-Lee", "Lamarr", "Backus", "Johnson"};
  private static final String[] CITIES = {"Lisbon", "Berlin", "Dublin", "Austin", "Toronto", "Oslo", "Madrid", "Paris"};

  private SyntheticCustomers() {}

  /** One customer row. */
  public record Customer(int id, String fullName, String email, String phone, String cardNumber, String iban,
      String ssn, LocalDate dateOfBirth, String city, String notes) {}

  /** Returns {@code count} customers generated from {@code seed}. */
  public static List<Customer> generate(int count, long seed) {
    Random random = new Random(seed);
    List<Customer> customers = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      String first = FIRST[random.nextInt(FIRST.length)];
      String last = LAST[random.nextInt(LAST.length)];
      String email = (first + "." + last).toLowerCase().replace("-", "") + i + "@example.com";
      // 555-01xx numbers are reserved for fiction in the North American plan.
      String phone = String.format("+1-202-555-01%02d", random.nextInt(100));
      String card = luhnComplete("4" + digits(random, 14));
      String iban = germanIban(digits(random, 8), digits(random, 10));
      String ssn = String.format("%03d-%02d-%04d", 100 + random.nextInt(565), 1 + random.nextInt(98),
          1 + random.nextInt(9998));
      LocalDate dob = LocalDate.of(1950 + random.nextInt(50), 1 + random.nextInt(12), 1 + random.nextInt(28));
      String city = CITIES[random.nextInt(CITIES.length)];
      String notes = i % 5 == 0 ? "Prefers contact by email" : "Customer since " + (2010 + random.nextInt(15));
      customers.add(new Customer(i, first + " " + last, email, phone, card, iban, ssn, dob, city, notes));
    }
    return customers;
  }

  private static String digits(Random random, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(random.nextInt(10));
    }
    return sb.toString();
  }

  /** Appends the Luhn check digit. */
  static String luhnComplete(String payload) {
    int sum = 0;
    boolean twice = true;
    for (int i = payload.length() - 1; i >= 0; i--) {
      int d = payload.charAt(i) - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return payload + ((10 - sum % 10) % 10);
  }

  /** A DE IBAN with correct ISO 7064 mod-97 check digits. */
  static String germanIban(String bankCode, String account) {
    String bban = bankCode + account;
    // Country letters D=13, E=14, followed by "00" placeholder check digits.
    String numeric = bban + "131400";
    int mod = 0;
    for (char c : numeric.toCharArray()) {
      mod = (mod * 10 + (c - '0')) % 97;
    }
    int check = 98 - mod;
    return String.format("DE%02d%s", check, bban);
  }
}
