package dev.witness.deploy.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticCustomersTest {

  private final List<SyntheticCustomers.Customer> customers = SyntheticCustomers.generate(200, 7);

  @Test
  void cardNumbersPassTheLuhnCheck() {
    assertThat(customers).allSatisfy(c -> assertThat(luhnValid(c.cardNumber())).as(c.cardNumber()).isTrue());
  }

  @Test
  void ibansPassTheMod97Check() {
    assertThat(customers).allSatisfy(c -> {
      String iban = c.iban();
      String rearranged = iban.substring(4) + "1314" + iban.substring(2, 4);
      assertThat(new BigInteger(rearranged).mod(BigInteger.valueOf(97)).intValue()).as(iban).isEqualTo(1);
    });
  }

  @Test
  void sameSeedSameData() {
    assertThat(SyntheticCustomers.generate(200, 7)).isEqualTo(customers);
    assertThat(SyntheticCustomers.generate(200, 8)).isNotEqualTo(customers);
  }

  @Test
  void emailsAreUniqueAndOnAReservedDomain() {
    assertThat(customers).extracting(SyntheticCustomers.Customer::email).doesNotHaveDuplicates()
        .allMatch(e -> e.endsWith("@example.com"));
  }

  private static boolean luhnValid(String number) {
    int sum = 0;
    boolean twice = false;
    for (int i = number.length() - 1; i >= 0; i--) {
      int d = number.charAt(i) - '0';
      if (twice) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }
}
