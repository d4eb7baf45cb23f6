package dev.witness.evidence.ingest;

import dev.witness.evidence.chain.ChainBreak;
import dev.witness.evidence.store.AppendResult;
import dev.witness.evidence.store.LedgerSink;
import dev.witness.evidence.store.NewEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Appends one polled batch as one transaction per group of ledger partitions, the groups side by
 * side on their own connections. A single writer leaves the database idle while Java encodes and
 * sends, and Java idle while the database inserts; two keep both busy. Every partition's entries
 * stay in one group and in order, so each chain is still checked against what was stored before.
 * The batch counts as stored only when every group committed: should one fail, the caller rewinds
 * the whole batch, and the groups that did commit come back as duplicates, which the store skips.
 */
final class PartitionedAppend implements LedgerSink, AutoCloseable {

  private final LedgerSink sink;
  private final int writers;
  // the caller's thread stores the first group, these the others
  private final ExecutorService others;

  /**
   * @param sink stores one group in one transaction; must accept concurrent calls (each takes its
   *     own connection, as {@code EvidenceStore} does)
   * @param writers the most groups stored at once
   */
  PartitionedAppend(LedgerSink sink, int writers) {
    if (writers < 1) {
      throw new IllegalArgumentException("writers must be at least 1, was " + writers);
    }
    this.sink = sink;
    this.writers = writers;
    this.others = writers == 1 ? null : Executors.newFixedThreadPool(writers - 1, task -> {
      Thread thread = new Thread(task, "witness-ledger-writer");
      thread.setDaemon(true);
      return thread;
    });
  }

  @Override
  public AppendResult append(List<NewEntry> entries) {
    List<List<NewEntry>> groups = groups(entries, writers);
    if (groups.size() == 1) {
      return sink.append(groups.get(0));
    }
    List<Future<AppendResult>> started = new ArrayList<>(groups.size() - 1);
    for (List<NewEntry> group : groups.subList(1, groups.size())) {
      started.add(others.submit(() -> sink.append(group)));
    }
    List<AppendResult> results = new ArrayList<>(groups.size());
    RuntimeException failure = null;
    try {
      results.add(sink.append(groups.get(0)));
    } catch (RuntimeException e) {
      failure = e;
    }
    // wait for every group even after a failure: a retry of the batch must not race a group still running
    for (Future<AppendResult> f : started) {
      try {
        results.add(f.get());
      } catch (ExecutionException e) {
        RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        failure = combine(failure, cause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = combine(failure, new IllegalStateException("interrupted while storing a ledger batch", e));
      }
    }
    if (failure != null) {
      throw failure;
    }
    return sum(results);
  }

  /**
   * Entries split by ledger partition into at most {@code writers} non-empty groups, each keeping
   * the batch order.
   */
  static List<List<NewEntry>> groups(List<NewEntry> entries, int writers) {
    List<List<NewEntry>> byWriter = new ArrayList<>(writers);
    for (int i = 0; i < writers; i++) {
      byWriter.add(new ArrayList<>());
    }
    for (NewEntry e : entries) {
      byWriter.get(Math.floorMod(e.row().ledgerPartition(), writers)).add(e);
    }
    List<List<NewEntry>> groups = new ArrayList<>(writers);
    for (List<NewEntry> g : byWriter) {
      if (!g.isEmpty()) {
        groups.add(g);
      }
    }
    if (groups.isEmpty()) {
      groups.add(List.of());
    }
    return groups;
  }

  private static AppendResult sum(List<AppendResult> results) {
    int inserted = 0;
    int duplicates = 0;
    int rechained = 0;
    List<ChainBreak> breaks = new ArrayList<>();
    for (AppendResult r : results) {
      inserted += r.inserted();
      duplicates += r.duplicates();
      rechained += r.rechained();
      breaks.addAll(r.chainBreaks());
    }
    return new AppendResult(inserted, duplicates, rechained, breaks);
  }

  private static RuntimeException combine(RuntimeException first, RuntimeException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  @Override
  public void close() {
    if (others != null) {
      others.shutdownNow();
    }
  }
}
