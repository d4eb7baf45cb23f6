package dev.witness.deploy.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Drives closed-loop GET load: each client has its own keep-alive connection and sends the next
 * request when the previous answer arrived, for a fixed time after a warm-up.
 */
final class HttpLoad {

  private HttpLoad() {}

  /** Runs {@code clients} clients against {@code url} and returns their merged latencies. */
  static LatencyRecorder run(String url, Map<String, String> headers, int clients, Duration warmup, Duration measure)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<LatencyRecorder>> futures = new ArrayList<>();
      long warmupEnd = System.nanoTime() + warmup.toNanos();
      long end = warmupEnd + measure.toNanos();
      for (int i = 0; i < clients; i++) {
        futures.add(pool.submit(() -> client(url, headers, warmupEnd, end)));
      }
      LatencyRecorder all = new LatencyRecorder();
      for (Future<LatencyRecorder> f : futures) {
        all.merge(f.get());
      }
      return all;
    } finally {
      pool.shutdownNow();
    }
  }

  private static LatencyRecorder client(String url, Map<String, String> headers, long warmupEnd, long end) {
    LatencyRecorder recorder = new LatencyRecorder();
    try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build()) {
      HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
      headers.forEach(builder::header);
      HttpRequest request = builder.build();
      while (true) {
        long start = System.nanoTime();
        if (start >= end) {
          break;
        }
        try {
          HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
          long took = System.nanoTime() - start;
          if (response.statusCode() != 200) {
            recorder.error();
          } else if (start >= warmupEnd) {
            recorder.record(took);
          }
        } catch (Exception e) {
          recorder.error();
        }
      }
    }
    return recorder;
  }
}
