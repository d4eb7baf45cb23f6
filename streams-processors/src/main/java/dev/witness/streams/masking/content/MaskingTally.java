package dev.witness.streams.masking.content;

import dev.witness.schemas.event.MaskingApplied;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts maskings per field, detector and operator for {@code MaskingApplied}; never sees values. */
public final class MaskingTally {

  private record Key(String field, String detector, String operator) {}

  private final Map<Key, int[]> counts = new LinkedHashMap<>();

  public void add(String field, String detector, String operator) {
    counts.computeIfAbsent(new Key(field, detector, operator), k -> new int[1])[0]++;
  }

  public boolean isEmpty() {
    return counts.isEmpty();
  }

  public List<MaskingApplied> toList() {
    List<MaskingApplied> out = new ArrayList<>(counts.size());
    counts.forEach((k, n) -> out.add(MaskingApplied.newBuilder()
        .setField(k.field()).setDetector(k.detector()).setOperator(k.operator()).setCount(n[0]).build()));
    return out;
  }
}
