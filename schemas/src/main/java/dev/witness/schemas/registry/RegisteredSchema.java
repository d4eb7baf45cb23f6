package dev.witness.schemas.registry;

import org.apache.avro.Schema;

/** One version of a subject in the registry. */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {}
