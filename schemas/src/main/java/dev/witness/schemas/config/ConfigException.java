package dev.witness.schemas.config;

import java.util.List;

/** The configuration is invalid; the message names each bad field and how to fix it. */
public class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public ConfigException(String problem) {
    this(List.of(problem));
  }

  public ConfigException(List<String> problems) {
    super(String.join(System.lineSeparator(), problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per problem, each starting with the field path. */
  public List<String> problems() {
    return problems;
  }
}
