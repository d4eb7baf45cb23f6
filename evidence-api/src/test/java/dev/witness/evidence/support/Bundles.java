package dev.witness.evidence.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Reads and rewrites export bundles, for tamper tests. */
public final class Bundles {

  private Bundles() {}

  /** The files of a bundle by name. */
  public static Map<String, byte[]> read(Path bundle) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(bundle.toFile())) {
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        files.put(entry.getName(), zip.getInputStream(entry).readAllBytes());
      }
    }
    return files;
  }

  /** The lines of one text file of a bundle. */
  public static List<String> lines(Path bundle, String name) throws IOException {
    return new ArrayList<>(new String(read(bundle).get(name), StandardCharsets.UTF_8).lines().toList());
  }

  /** A copy of {@code bundle} at {@code target} with file {@code name}'s lines changed by {@code change}. */
  public static Path withLines(Path bundle, Path target, String name, UnaryOperator<List<String>> change)
      throws IOException {
    Map<String, byte[]> files = read(bundle);
    List<String> lines = change.apply(lines(bundle, name));
    files.put(name, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    try (OutputStream out = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(f.getKey()));
        zip.write(f.getValue());
        zip.closeEntry();
      }
    }
    return target;
  }
}
