package dev.witness.schemas.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads {@code witness.yaml} into a validated {@link WitnessConfig}. */
public final class ConfigLoader {

  private final ObjectMapper yaml;
  private final EnvSubstitution env;

  /** A loader substituting {@code ${NAME}} from this process's environment. */
  public ConfigLoader() {
    this(System.getenv());
  }

  /** A loader substituting {@code ${NAME}} and {@code ${NAME:-default}} from {@code env}. */
  public ConfigLoader(Map<String, String> env) {
    this.env = new EnvSubstitution(env);
    this.yaml = JsonMapper.builder(new YAMLFactory())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .addModule(new SimpleModule("witness-config").addDeserializer(Duration.class, new DurationText()))
        .build();
  }

  /** Loads and validates {@code file}; throws {@link ConfigException} naming each bad field. */
  public WitnessConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": file not found; pass an existing witness.yaml with --config");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read (" + e.getMessage() + ")");
    }
    return parse(text, file.getFileName().toString());
  }

  /** Parses and validates YAML text; {@code source} names it in error messages. */
  public WitnessConfig parse(String text, String source) {
    WitnessConfig config;
    try (JsonParser parser = yaml.createParser(env.apply(text, source))) {
      // A file holding only comments or "---" has no token at all: it asks for every default.
      config = parser.nextToken() == null ? null : yaml.readValue(parser, WitnessConfig.class);
      if (config == null) {
        config = WitnessConfig.defaults();
      }
    } catch (UnrecognizedPropertyException e) {
      String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
          .map(Object::toString).sorted().collect(Collectors.joining(", "));
      // No line number: the YAML parser is already past the field, so its location would mislead.
      throw new ConfigException(source + ": " + path(e) + ": unknown field '" + e.getPropertyName()
          + "'; known fields here: " + known);
    } catch (JsonMappingException e) {
      throw new ConfigException(source + ": " + path(e) + ": " + e.getOriginalMessage() + location(e));
    } catch (IOException e) {
      throw new ConfigException(source + ": not valid YAML: " + e.getMessage());
    }
    List<String> problems = new ConfigValidator().validate(config);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems.stream().map(p -> source + ": " + p).toList());
    }
    return config;
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.isEmpty() ? "(root)" : sb.toString();
  }

  private static String location(JsonMappingException e) {
    return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
  }
}
