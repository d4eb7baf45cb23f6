package dev.witness.streams.masking.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DetectorsTest {

  static List<String> found(String detector, String text, String field) {
    List<Span> spans = new ArrayList<>();
    Detectors.builtIn(detector, "US").find(text, field, spans);
    return spans.stream().map(s -> text.substring(s.start(), s.end())).toList();
  }

  @ParameterizedTest(name = "{0} finds {2} in \"{1}\"")
  @CsvSource(delimiter = '|', value = {
      "email|mail jane.doe+news@example.co.uk today|jane.doe+news@example.co.uk",
      "email|<a href=\"mailto:bob@corp.example\">|bob@corp.example",
      "phone|call (415) 555-2671 now|(415) 555-2671",
      "phone|or +44 20 7946 0958 in London|+44 20 7946 0958",
      "card|pay 4111 1111 1111 1111 now|4111 1111 1111 1111",
      "card|amex 378282246310005.|378282246310005",
      "card|mc 5555-5555-5555-4444|5555-5555-5555-4444",
      "iban|iban GB82 WEST 1234 5698 7654 32 ok|GB82 WEST 1234 5698 7654 32",
      "iban|DE89370400440532013000|DE89370400440532013000",
      "ssn|ssn 536-22-1234 on file|536-22-1234",
      "nino|NI AB 12 34 56 C.|AB 12 34 56 C",
      "nino|JG103759A|JG103759A",
      "ip|from 192.168.10.254:443|192.168.10.254",
      "ip|v6 2001:db8::8a2e:370:7334 here|2001:db8::8a2e:370:7334",
      "ip|mapped ::ffff:a00:1|::ffff:a00:1",
      "aws_key_id|key=AKIAIOSFODNN7EXAMPLE|AKIAIOSFODNN7EXAMPLE",
      "aws_secret_key|aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY|wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      "github_token|token ghp_16C7e42F292c6912E7710c838347Ae178B4a end|ghp_16C7e42F292c6912E7710c838347Ae178B4a",
      "gitlab_token|glpat-xK9f2Lm3Qw8Rt5Yz1Ab7|glpat-xK9f2Lm3Qw8Rt5Yz1Ab7",
      "slack_token|xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx|xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
      "stripe_key|sk_live_4eC39HqLyjWDarjtT1zdp7dc|sk_live_4eC39HqLyjWDarjtT1zdp7dc",
      "jwt|Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U|eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
  })
  void findsPositives(String detector, String text, String expected) {
    assertThat(found(detector, text, null)).containsExactly(expected);
  }

  @ParameterizedTest(name = "{0} ignores \"{1}\"")
  @CsvSource(delimiter = '|', value = {
      "email|user@localhost or a@b or x@1.2.3.4 or @handle",
      "phone|on 2024-01-15 at 10:30:00",
      "phone|order ORD4155552671X",
      "card|4111 1111 1111 1112 (Luhn fails)",
      "card|order 1234567812345670 and 0000000000000000",
      "card|uuid 550e8400-e29b-41d4-a716-446655440000",
      "iban|GB82 WEST 1234 5698 7654 33 (check digits fail)",
      "iban|XX12345678901234 unknown country",
      "ssn|000-12-3456 666-12-3456 900-12-3456 123-00-4567 123-45-0000 078-05-1120",
      "ssn|2024-01-15 and 415-555-2671",
      "nino|DA123456A QQ123456C AB123456E GB123456A",
      "ip|version 1.2.3.4.5, 256.1.1.1, 01.2.3.4, time 12:30:45, mac 00:1a:2b:3c:4d:5e",
      "aws_key_id|AKIAIOSFODNN7EXAMPL (short) and XAKIAIOSFODNN7EXAMPLE",
      "aws_secret_key|commit 9fceb02d0ae598e95dc970b74767f19372d61af8a and wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      "github_token|ghp_short and the docs mention ghp_ tokens",
      "jwt|eyJub3RhbGciOjF9.eyJ4IjoxfQ.c2ln has no alg; a.b.c",
      "jwt|uuid 550e8400-e29b-41d4-a716-446655440000",
  })
  void ignoresHardNegatives(String detector, String text) {
    assertThat(found(detector, text, null)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void awsSecretKeyNeedsContextFromItsField() {
    String key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    assertThat(found("aws_secret_key", key, "aws_secret_access_key")).containsExactly(key);
    assertThat(found("aws_secret_key", key, "checksum")).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void privateKeysAreMaskedFromBeginToEndOrToTheEndOfACutText() {
    String pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----";
    assertThat(found("private_key", "key:\n" + pem + "\nafter", null)).containsExactly(pem);
    assertThat(found("private_key", "-----BEGIN PRIVATE KEY-----\nMIIEv", null))
        .containsExactly("-----BEGIN PRIVATE KEY-----\nMIIEv");
    assertThat(found("private_key", "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----", null)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void secretFieldsNeedRandomLookingValues() {
    assertThat(found("secret", "hZ8#kq2!Lm9@xW", "password")).hasSize(1);
    assertThat(found("secret", "aaaaaaaaaaaa", "api_key")).isEmpty();
    assertThat(found("secret", "hZ8#kq2!Lm9@xW", "comment")).isEmpty();
    assertThat(found("secret", "12", "token_count")).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void birthDatesAreClaimedByFieldName() {
    assertThat(found("dob", "1980-04-12", "date_of_birth")).containsExactly("1980-04-12");
    assertThat(found("dob", "1980-04-12", "created_at")).isEmpty();
    assertThat(Detectors.builtIn("dob", "US").claimsField("DOB")).isTrue();
  }

  @org.junit.jupiter.api.Test
  void userPatternsRunInLinearTimeWhereBacktrackingWouldNotFinish() {
    PatternDetector evil = new PatternDetector("evil", "(a+)+$");
    String input = "a".repeat(100_000) + "!";
    long started = System.nanoTime();
    List<Span> spans = new ArrayList<>();
    evil.find(input, null, spans);
    // java.util.regex needs ~2^n steps here; RE2/J is linear.
    assertThat(System.nanoTime() - started).isLessThan(5_000_000_000L);
    assertThat(spans).isEmpty();
  }
}
