package dev.witness.streams.masking.detect;

import java.util.List;

/**
 * PEM private keys ({@code -----BEGIN ... PRIVATE KEY-----} through the matching END line). A key
 * whose END line is missing, for example cut by a chunk boundary, is masked to the end of the text.
 */
public final class PrivateKeyDetector implements Detector {

  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String LABEL_END = "PRIVATE KEY-----";
  private static final int MAX_LABEL = 40;

  @Override
  public String type() {
    return "private_key";
  }

  private static final List<FactsGate> GATES = List.of(FactsGate.ANY.withLength(BEGIN.length() + LABEL_END.length()).withDashes(10));

  @Override
  public List<FactsGate> gates() {
    return GATES;
  }

  @Override
  public void find(String text, String field, List<Span> out) {
    int at = text.indexOf(BEGIN);
    while (at >= 0) {
      int label = text.indexOf(LABEL_END, at + BEGIN.length());
      int next = at + BEGIN.length();
      if (label >= 0 && label - at - BEGIN.length() <= MAX_LABEL) {
        int endLine = text.indexOf(END, label);
        int end = text.length();
        if (endLine >= 0) {
          int endLabel = text.indexOf(LABEL_END, endLine);
          end = endLabel >= 0 ? endLabel + LABEL_END.length() : text.length();
        }
        out.add(new Span(at, end, type()));
        next = end;
      }
      at = next < text.length() ? text.indexOf(BEGIN, next) : -1;
    }
  }
}
