package dev.witness.streams.masking.plan;

import dev.witness.streams.masking.detect.Detector;
import dev.witness.streams.masking.detect.FactsGate;
import dev.witness.streams.masking.detect.Span;
import dev.witness.streams.masking.detect.TextFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * The content detectors that apply to one field (in priority order), with all their gates compiled
 * into one table per fact: which detectors a value's {@link TextFacts} admit is then ten lookups
 * and a bitwise AND, not a call into each detector. Built once per field, used for every value.
 */
public final class FieldDetectors {

  private final Detector[] detectors;
  /** Per fact, per value (capped at the highest minimum), the gates (one bit each) that admit it; null past 64 gates. */
  private final long[][] admitted;
  private final int[] caps;
  /** Per gate bit, the index of its detector; per detector, the bits of its gates. */
  private final int[] detectorOf;
  private final long[] gatesOf;

  FieldDetectors(List<Detector> detectors) {
    this.detectors = detectors.toArray(Detector[]::new);
    List<FactsGate> gates = new ArrayList<>();
    List<Integer> owners = new ArrayList<>();
    for (int d = 0; d < this.detectors.length; d++) {
      for (FactsGate g : this.detectors[d].gates()) {
        gates.add(g);
        owners.add(d);
      }
    }
    if (gates.size() > Long.SIZE) {
      this.admitted = null;
      this.caps = null;
      this.detectorOf = null;
      this.gatesOf = null;
      return;
    }
    this.detectorOf = owners.stream().mapToInt(Integer::intValue).toArray();
    this.gatesOf = new long[this.detectors.length];
    for (int bit = 0; bit < detectorOf.length; bit++) {
      gatesOf[detectorOf[bit]] |= 1L << bit;
    }
    this.admitted = new long[FactsGate.FACTS][];
    this.caps = new int[FactsGate.FACTS];
    for (int f = 0; f < FactsGate.FACTS; f++) {
      int cap = 0;
      for (FactsGate g : gates) {
        cap = Math.max(cap, g.minimum(f));
      }
      caps[f] = cap;
      admitted[f] = new long[cap + 1];
      for (int v = 0; v <= cap; v++) {
        for (int bit = 0; bit < gates.size(); bit++) {
          if (gates.get(bit).minimum(f) <= v) {
            admitted[f][v] |= 1L << bit;
          }
        }
      }
    }
  }

  /** Whether any of the detectors could find something in a text with {@code facts}. */
  public boolean mayFind(TextFacts facts) {
    if (admitted == null) {
      for (Detector d : detectors) {
        if (d.mayMatch(facts)) {
          return true;
        }
      }
      return false;
    }
    return gates(facts) != 0;
  }

  /** What the detectors whose gates admit {@code facts} find in {@code text}, in priority order (overlaps unresolved). */
  List<Span> find(String text, String field, TextFacts facts) {
    List<Span> found = null;
    if (admitted == null) {
      for (Detector d : detectors) {
        if (d.mayMatch(facts)) {
          found = found == null ? new ArrayList<>(2) : found;
          d.find(text, field, found);
        }
      }
      return found;
    }
    long open = gates(facts);
    while (open != 0) {
      int d = detectorOf[Long.numberOfTrailingZeros(open)];
      open &= ~gatesOf[d];
      found = found == null ? new ArrayList<>(2) : found;
      detectors[d].find(text, field, found);
    }
    return found;
  }

  private long gates(TextFacts facts) {
    long open = -1L;
    for (int f = 0; f < FactsGate.FACTS && open != 0; f++) {
      open &= admitted[f][Math.min(FactsGate.value(facts, f), caps[f])];
    }
    return open;
  }
}
