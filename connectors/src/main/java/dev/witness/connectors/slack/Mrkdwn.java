package dev.witness.connectors.slack;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Slack's mrkdwn text format. Agent-supplied text (purpose, statement) is always escaped, so it can
 * neither ping people ({@code <!channel>}) nor forge links or formatting around itself.
 */
final class Mrkdwn {

  private static final String ZERO_WIDTH_SPACE = "\u200B";

  private Mrkdwn() {}

  /** Escapes the three characters Slack treats as control sequences. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /**
   * A preformatted block of at most {@code maxChars} characters in total, cut with a note when the
   * text is longer; backtick runs inside are broken up so they cannot end the block early.
   */
  static String codeBlock(String text, int maxChars) {
    String body = escape(text).replace("```", "`" + ZERO_WIDTH_SPACE + "`" + ZERO_WIDTH_SPACE + "`");
    String fence = "```";
    int room = maxChars - 2 * fence.length();
    if (body.length() > room) {
      String note = "\n… (" + text.length() + " characters, cut)";
      int keep = Math.max(0, room - note.length());
      // Never cut inside an entity such as &amp; or a surrogate pair.
      int amp = body.lastIndexOf('&', keep);
      if (amp >= 0 && body.indexOf(';', amp) >= keep) {
        keep = amp;
      }
      if (keep > 0 && Character.isHighSurrogate(body.charAt(keep - 1))) {
        keep--;
      }
      body = body.substring(0, keep) + note;
    }
    return fence + body + fence;
  }

  /** A date Slack renders in each reader's own time zone, with a UTC fallback for old clients. */
  static String date(Instant instant) {
    Instant seconds = instant.truncatedTo(ChronoUnit.SECONDS);
    return "<!date^" + seconds.getEpochSecond() + "^{date_short_pretty} {time_secs}|"
        + DateTimeFormatter.ISO_INSTANT.format(seconds) + ">";
  }

  /** A mention of a Slack user by id (ids are [A-Z0-9]; anything else is shown as escaped text). */
  static String user(String userId) {
    return userId != null && userId.matches("[UW][A-Z0-9]{2,}") ? "<@" + userId + ">" : escape(String.valueOf(userId));
  }

  /** Text cut to {@code max} characters with an ellipsis. */
  static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int keep = max - 1;
    if (Character.isHighSurrogate(text.charAt(keep - 1))) {
      keep--;
    }
    return text.substring(0, keep) + "…";
  }
}
