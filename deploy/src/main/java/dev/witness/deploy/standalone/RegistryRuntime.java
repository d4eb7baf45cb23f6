package dev.witness.deploy.standalone;

import dev.witness.schemas.registry.RestSchemaRegistryClient;
import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.registry.embedded.EmbeddedSchemaRegistry;
import java.time.Duration;

/** The embedded schema registry and the REST client every component shares. */
final class RegistryRuntime implements AutoCloseable {

  private final EmbeddedSchemaRegistry registry;
  private final RestSchemaRegistryClient client;

  private RegistryRuntime(EmbeddedSchemaRegistry registry, RestSchemaRegistryClient client) {
    this.registry = registry;
    this.client = client;
  }

  static RegistryRuntime start(String bootstrap, String host, int port) {
    EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(bootstrap, host, port);
    return new RegistryRuntime(registry, new RestSchemaRegistryClient(registry.url(), Duration.ofSeconds(10)));
  }

  String url() {
    return registry.url();
  }

  SchemaRegistryClient client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
    registry.close();
  }
}
