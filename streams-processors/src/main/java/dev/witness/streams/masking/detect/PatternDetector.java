package dev.witness.streams.masking.detect;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.List;

/** A user-defined pattern, matched with RE2/J: linear time in the text, whatever the pattern. */
public final class PatternDetector implements Detector {

  private final String type;
  private final Pattern pattern;

  public PatternDetector(String type, String regex) {
    this.type = type;
    this.pattern = Pattern.compile(regex);
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public void find(String text, String field, List<Span> out) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      if (m.end() > m.start()) {
        out.add(new Span(m.start(), m.end(), type));
      }
    }
  }
}
