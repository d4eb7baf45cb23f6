package dev.witness.schemas.envelope;

import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.ResponseChunk;
import dev.witness.schemas.event.SqlColumn;
import dev.witness.schemas.event.SqlResultHead;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The additional authenticated data of a raw chunk: its identity (session, request, chunk index,
 * last flag) and everything that chooses how it is masked (resource, agent, purpose, content type,
 * masking plan, SQL columns). A chunk moved into another request, or relabelled to slip past a
 * masking rule, no longer decrypts. Every field is length-prefixed, so no two chunks share an encoding.
 */
final class ChunkAad {

  /** Version of this encoding; a new one gets a new label. */
  static final String LABEL = "witness.responses.raw/aes-256-gcm/v1";

  private ChunkAad() {}

  static byte[] of(ResponseChunk chunk, String keyId) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      EventHeader h = chunk.getHeader();
      text(out, LABEL);
      text(out, keyId);
      text(out, h.getSessionId());
      text(out, chunk.getRequestId());
      out.writeInt(chunk.getChunkIndex());
      out.writeBoolean(chunk.getLast());
      text(out, h.getResource());
      text(out, h.getAgent() == null ? null : h.getAgent().getId());
      text(out, h.getPurpose());
      text(out, chunk.getContentType());
      text(out, chunk.getMaskPlan());
      if (chunk.getHead() instanceof SqlResultHead head) {
        out.writeInt(head.getColumns().size());
        for (SqlColumn c : head.getColumns()) {
          text(out, c.getName());
          out.writeInt(c.getTypeOid());
          text(out, c.getTable());
          out.writeInt(c.getFormat());
        }
      } else {
        out.writeInt(chunk.getHead() == null ? -1 : -2);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void text(DataOutputStream out, CharSequence value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    byte[] utf8 = value.toString().getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }
}
