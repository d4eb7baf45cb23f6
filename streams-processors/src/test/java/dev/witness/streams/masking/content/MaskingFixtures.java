package dev.witness.streams.masking.content;

import dev.witness.schemas.config.MaskingConfig;
import dev.witness.schemas.config.MaskingRule;
import dev.witness.schemas.event.SqlColumn;
import dev.witness.streams.masking.plan.MaskingPlan;
import dev.witness.streams.masking.plan.PlanSelector;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Plans and PostgreSQL DataRows for masking tests. */
public final class MaskingFixtures {

  private MaskingFixtures() {}

  public static MaskingPlan plan(List<MaskingRule> rules, Map<String, String> operators, String mode) {
    MaskingConfig config = new MaskingConfig(mode, null, null, null, null, operators, rules, null);
    return new PlanSelector(config, MaskingConfig.DEV_TOKEN_KEY).select("postgres:demo", "agent-1", "TICKET-1");
  }

  public static MaskingPlan defaults() {
    return plan(List.of(), Map.of(), null);
  }

  public static SqlColumn column(String name, int oid, int format) {
    return SqlColumn.newBuilder().setName(name).setTypeOid(oid).setFormat(format).build();
  }

  /** DataRow messages; a null value is SQL NULL, a byte[] is written as is, anything else as UTF-8 text. */
  public static byte[] rows(Object[]... rows) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object[] row : rows) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.writeBytes(ByteBuffer.allocate(2).putShort((short) row.length).array());
      for (Object v : row) {
        byte[] bytes = v == null ? null : v instanceof byte[] b ? b : v.toString().getBytes(StandardCharsets.UTF_8);
        body.writeBytes(ByteBuffer.allocate(4).putInt(bytes == null ? -1 : bytes.length).array());
        if (bytes != null) {
          body.writeBytes(bytes);
        }
      }
      out.write('D');
      out.writeBytes(ByteBuffer.allocate(4).putInt(body.size() + 4).array());
      out.writeBytes(body.toByteArray());
    }
    return out.toByteArray();
  }

  /** The values of DataRow messages as text (null for NULL). */
  public static List<List<String>> parse(byte[] payload) {
    ByteBuffer in = ByteBuffer.wrap(payload);
    List<List<String>> rows = new ArrayList<>();
    while (in.hasRemaining()) {
      byte type = in.get();
      int len = in.getInt();
      if (type != 'D') {
        in.position(in.position() + len - 4);
        continue;
      }
      int n = in.getShort();
      List<String> row = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int l = in.getInt();
        if (l < 0) {
          row.add(null);
        } else {
          byte[] b = new byte[l];
          in.get(b);
          row.add(new String(b, StandardCharsets.UTF_8));
        }
      }
      rows.add(row);
    }
    return rows;
  }
}
