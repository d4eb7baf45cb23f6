package dev.witness.proxy.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.proxy.pg.message.CopyMessages.CopyData;
import dev.witness.proxy.pg.message.PgMessageEncoder;
import dev.witness.proxy.pg.message.RowMessages.CommandComplete;
import dev.witness.proxy.pg.message.RowMessages.DataRow;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireRowsTest {

  private static ByteBuffer wire(dev.witness.proxy.pg.message.PgMessage... messages) {
    ByteBuf b = Unpooled.buffer();
    for (var m : messages) {
      PgMessageEncoder.write(m, b);
    }
    return b.nioBuffer();
  }

  @Test
  void countsWholeRowMessages() {
    assertThat(WireRows.count(wire(new DataRow(Arrays.asList(new byte[] {1}, null)), new CopyData(new byte[3]))))
        .isEqualTo(2);
    assertThat(WireRows.count(ByteBuffer.allocate(0))).isZero();
  }

  @Test
  void refusesAnythingElse() {
    assertThat(WireRows.count(wire(new CommandComplete("SELECT 1")))).isEqualTo(-1);
    ByteBuffer truncated = wire(new DataRow(List.of(new byte[10])));
    truncated.limit(truncated.limit() - 1);
    assertThat(WireRows.count(truncated)).isEqualTo(-1);
  }
}
