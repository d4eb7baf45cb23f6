package dev.witness.deploy.standalone;

/** Where each standalone service listens. */
public record ServiceEndpoints(String kafka, String schemaRegistry, String httpProxy, String evidenceApi,
    String demoApi, String demoDatabase) {}
