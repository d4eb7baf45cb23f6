package dev.witness.deploy;

import picocli.CommandLine;

/** Reports the version from the jar manifest (or "development" when run from classes). */
public final class WitnessVersion implements CommandLine.IVersionProvider {

  /** The running version. */
  public static String current() {
    String v = WitnessVersion.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"witness " + current()};
  }
}
