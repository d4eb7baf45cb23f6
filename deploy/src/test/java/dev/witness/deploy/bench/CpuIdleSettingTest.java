package dev.witness.deploy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuIdleSettingTest {

  @TempDir
  Path sys;

  @Test
  void aGuestThatHaltsAtOnceIsCalledOut() throws IOException {
    write("devices/system/cpu/cpuidle/current_driver", "haltpoll\n");
    write("module/haltpoll/parameters/guest_halt_poll_ns", "0\n");

    CpuIdleSetting setting = CpuIdleSetting.read(sys);

    assertThat(setting).isEqualTo(new CpuIdleSetting(Optional.of("haltpoll"), Optional.of(0L)));
    assertThat(setting.describe()).startsWith("cpuidle haltpoll with guest_halt_poll_ns=0: an idle vCPU halts at once");
  }

  @Test
  void aGuestThatPollsSaysForHowLong() throws IOException {
    write("devices/system/cpu/cpuidle/current_driver", "haltpoll");
    write("module/haltpoll/parameters/guest_halt_poll_ns", "200000");

    assertThat(CpuIdleSetting.read(sys).describe())
        .isEqualTo("cpuidle haltpoll with guest_halt_poll_ns=200000: an idle vCPU polls 200 µs before it halts");
  }

  @Test
  void otherDriversAndMissingFilesAreReportedAsTheyAre() throws IOException {
    assertThat(CpuIdleSetting.read(sys).describe()).isEqualTo("cpuidle: not reported");

    write("devices/system/cpu/cpuidle/current_driver", "intel_idle");
    write("module/haltpoll/parameters/guest_halt_poll_ns", "not a number");

    assertThat(CpuIdleSetting.read(sys).describe()).isEqualTo("cpuidle driver intel_idle");
  }

  private void write(String path, String content) throws IOException {
    Path file = sys.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
