package dev.witness.schemas.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A secret Witness sends to a target on the agent's behalf; the agent never sees it. Exactly one
 * of {@code value}, {@code valueFromEnv} and {@code valueFromFile} is set.
 *
 * @param header HTTP header to carry it (default {@code Authorization})
 */
public record BackendCredential(String header, String value, String valueFromEnv, String valueFromFile) {

  public BackendCredential {
    header = header == null ? "Authorization" : header;
  }

  /** Reads the secret from wherever it is configured to come from. */
  public String resolve() {
    if (value != null) {
      return value;
    }
    if (valueFromEnv != null) {
      String env = System.getenv(valueFromEnv);
      if (env == null) {
        throw new ConfigException(
            "credential.valueFromEnv: environment variable " + valueFromEnv + " is not set; export it or use valueFromFile");
      }
      return env;
    }
    if (valueFromFile != null) {
      try {
        return Files.readString(Path.of(valueFromFile), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new ConfigException(
            "credential.valueFromFile: cannot read " + valueFromFile + " (" + e.getMessage() + "); check the path and permissions");
      }
    }
    throw new ConfigException("credential: set one of value, valueFromEnv, valueFromFile");
  }

  @Override
  public String toString() {
    // Never print the secret itself.
    return "BackendCredential[header=" + header + ", source="
        + (value != null ? "inline" : valueFromEnv != null ? "env:" + valueFromEnv : "file:" + valueFromFile) + "]";
  }
}
