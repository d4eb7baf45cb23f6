package dev.witness.streams.approval;

/**
 * A vote that did not count, and why.
 *
 * @param vote the vote
 * @param why e.g. {@code not in approver group dba}
 */
public record Refusal(Vote vote, String why) {}
