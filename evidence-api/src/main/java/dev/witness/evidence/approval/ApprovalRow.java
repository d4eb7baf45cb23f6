package dev.witness.evidence.approval;

/**
 * One approval as stored: the document of its {@code approval-requested} event and, once final,
 * the type and document of the event that ended it.
 *
 * @param approvalId the approval's id
 * @param state the state derived in SQL from the final event
 * @param requestedJson the {@code EventDocument} JSON of the request for approval
 * @param finalJson the {@code EventDocument} JSON of the decided or expired event; null while pending
 */
public record ApprovalRow(String approvalId, ApprovalState state, String requestedJson, String finalJson) {}
