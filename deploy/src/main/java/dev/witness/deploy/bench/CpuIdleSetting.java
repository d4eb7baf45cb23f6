package dev.witness.deploy.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How this machine's idle CPUs wait, as Linux reports it, printed with the latency figures because
 * it moves them: a proxied request crosses about sixteen threads, and on a virtual machine whose
 * idle vCPUs halt at once, each hand-off to a sleeping thread can wait for the hypervisor to wake
 * a vCPU. With the guest polling a while before it halts (KVM's haltpoll driver), it does not.
 */
record CpuIdleSetting(Optional<String> driver, Optional<Long> guestHaltPollNanos) {

  /** Reads the setting under {@code sysRoot} (normally {@code /sys}); missing files are unknown. */
  static CpuIdleSetting read(Path sysRoot) {
    return new CpuIdleSetting(
        text(sysRoot.resolve("devices/system/cpu/cpuidle/current_driver")),
        text(sysRoot.resolve("module/haltpoll/parameters/guest_halt_poll_ns")).flatMap(CpuIdleSetting::number));
  }

  static CpuIdleSetting current() {
    return read(Path.of("/sys"));
  }

  /** One line for a benchmark's header. */
  String describe() {
    if (driver.isEmpty()) {
      return "cpuidle: not reported";
    }
    if (!driver.get().equals("haltpoll") || guestHaltPollNanos.isEmpty()) {
      return "cpuidle driver " + driver.get();
    }
    long ns = guestHaltPollNanos.get();
    if (ns == 0) {
      return "cpuidle haltpoll with guest_halt_poll_ns=0: an idle vCPU halts at once, so a hand-off to a thread "
          + "on it waits for the hypervisor to wake it (see docs/operations.md, Benchmarks)";
    }
    return "cpuidle haltpoll with guest_halt_poll_ns=" + ns + ": an idle vCPU polls " + ns / 1000 + " µs before it halts";
  }

  private static Optional<String> text(Path file) {
    try {
      String value = Files.readString(file, StandardCharsets.US_ASCII).trim();
      return value.isEmpty() ? Optional.empty() : Optional.of(value);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<Long> number(String text) {
    try {
      return Optional.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
