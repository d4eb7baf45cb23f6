package dev.witness.evidence.export;

import java.nio.file.Path;

/**
 * A written bundle.
 *
 * @param omittedNotCheckpointed matching entries left out because no checkpoint covered them yet
 */
public record ExportSummary(Path bundle, String checkpointId, long events, long omittedNotCheckpointed) {}
