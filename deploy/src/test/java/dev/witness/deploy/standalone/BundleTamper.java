package dev.witness.deploy.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Rewrites one entry of an export bundle, as someone altering evidence after the fact would. */
final class BundleTamper {

  private BundleTamper() {}

  /** Copies {@code source} to {@code target} with the first {@code find} in {@code entry} replaced. */
  static void replaceInEntry(Path source, Path target, String entry, String find, String replacement) throws IOException {
    boolean replaced = false;
    try (InputStream in = Files.newInputStream(source); ZipInputStream zin = new ZipInputStream(in);
        OutputStream out = Files.newOutputStream(target); ZipOutputStream zout = new ZipOutputStream(out)) {
      for (ZipEntry e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
        byte[] content = zin.readAllBytes();
        if (e.getName().equals(entry)) {
          String text = new String(content, StandardCharsets.UTF_8);
          int at = text.indexOf(find);
          if (at >= 0) {
            text = text.substring(0, at) + replacement + text.substring(at + find.length());
            replaced = true;
          }
          content = text.getBytes(StandardCharsets.UTF_8);
        }
        zout.putNextEntry(new ZipEntry(e.getName()));
        zout.write(content);
        zout.closeEntry();
      }
    }
    if (!replaced) {
      throw new IllegalArgumentException(find + " not found in " + entry);
    }
  }
}
