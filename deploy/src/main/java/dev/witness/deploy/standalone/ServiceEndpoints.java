package dev.witness.deploy.standalone;

/** Where each standalone service listens. */
public record ServiceEndpoints(String kafka, String schemaRegistry, String httpProxy, String postgresProxy,
    String evidenceApi, String demoApi, String demoDatabase) {

  /** Host of the PostgreSQL proxy. */
  public String postgresHost() {
    return postgresProxy.substring(0, postgresProxy.lastIndexOf(':'));
  }

  /** Port of the PostgreSQL proxy. */
  public int postgresPort() {
    return Integer.parseInt(postgresProxy.substring(postgresProxy.lastIndexOf(':') + 1));
  }
}
