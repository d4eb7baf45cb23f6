package dev.witness.streams.masking.content;

import java.util.Arrays;

/**
 * A growable byte array the masked messages are written into: like {@code ByteArrayOutputStream}
 * without its per-call locking, which a rebuilt DataRow paid on each of its many small writes.
 * Confined to the thread masking one chunk.
 */
final class WireBuffer {

  private byte[] bytes;
  private int size;

  WireBuffer(int capacity) {
    bytes = new byte[Math.max(16, capacity)];
  }

  void write(int b) {
    ensure(1);
    bytes[size++] = (byte) b;
  }

  void writeInt(int v) {
    ensure(4);
    bytes[size] = (byte) (v >>> 24);
    bytes[size + 1] = (byte) (v >>> 16);
    bytes[size + 2] = (byte) (v >>> 8);
    bytes[size + 3] = (byte) v;
    size += 4;
  }

  void write(byte[] b, int offset, int length) {
    ensure(length);
    System.arraycopy(b, offset, bytes, size, length);
    size += length;
  }

  void writeBytes(byte[] b) {
    write(b, 0, b.length);
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  private void ensure(int more) {
    if (bytes.length - size < more) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, Math.addExact(size, more)));
    }
  }
}
