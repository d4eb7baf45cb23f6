package dev.witness.schemas.config;

/**
 * A user-defined detector.
 *
 * @param name the type it finds, used in {@code operators}, rules and redaction labels
 * @param pattern RE2 syntax (linear-time matching: no backreferences, no lookaround)
 */
public record MaskingPattern(String name, String pattern) {}
