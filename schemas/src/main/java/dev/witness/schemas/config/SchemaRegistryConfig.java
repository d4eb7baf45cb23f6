package dev.witness.schemas.config;

/** Where the Confluent-compatible schema registry is. */
public record SchemaRegistryConfig(String url) {

  public SchemaRegistryConfig {
    url = url == null ? "http://127.0.0.1:8081" : url;
  }

  public static SchemaRegistryConfig defaults() {
    return new SchemaRegistryConfig(null);
  }
}
