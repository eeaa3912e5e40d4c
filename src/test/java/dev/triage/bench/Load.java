package dev.triage.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load: {@code clients} threads each send one request, wait for its answer, and send
 * the next, until the time or count is up. Every latency goes into an HdrHistogram (microseconds,
 * three significant digits). A closed loop cannot hide a slow server behind a queue of its own
 * (coordinated omission): the request rate simply falls.
 */
final class Load {

    /** One request by client {@code client}, its {@code n}-th; answers the HTTP status (or a stand-in). */
    @FunctionalInterface
    interface Call {
        Http.Answer send(int client, long n) throws Exception;
    }

    /** What one load produced. {@code failures} holds a few unexpected answers for the report. */
    record Outcome(long requests, long unexpected, Map<Integer, Long> statuses, Histogram latency,
                   double seconds, List<String> failures) {

        double perSecond() {
            return requests / seconds;
        }

        double millis(double percentile) {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private Load() {}

    static Outcome forSeconds(int clients, double seconds, int expected, Call call) {
        return run(clients, (long) (seconds * 1e9), Long.MAX_VALUE, expected, call);
    }

    static Outcome forCount(int clients, long perClient, int expected, Call call) {
        return run(clients, Long.MAX_VALUE, perClient, expected, call);
    }

    /**
     * @param expected the one status that counts as success (e.g. 200); 0: any 2xx
     */
    private static Outcome run(int clients, long nanos, long perClient, int expected, Call call) {
        List<Histogram> histograms = new ArrayList<>();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong unexpected = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        long[] began = new long[1];
        for (int c = 0; c < clients; c++) {
            Histogram histogram = new Histogram(3);
            histograms.add(histogram);
            int client = c;
            threads.add(Thread.ofPlatform().name("load-" + c).start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                long deadline = began[0] + nanos;
                for (long n = 0; n < perClient && (nanos == Long.MAX_VALUE || System.nanoTime() < deadline); n++) {
                    long t0 = System.nanoTime();
                    int status;
                    String body;
                    try {
                        Http.Answer answer = call.send(client, n);
                        status = answer.status();
                        body = answer.body();
                    } catch (Exception e) {
                        status = -1;
                        body = e.toString();
                    }
                    histogram.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                    statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                    boolean fine = expected == 0 ? status >= 200 && status < 300 : status == expected;
                    if (!fine) {
                        unexpected.incrementAndGet();
                        if (failures.size() < 5) {
                            failures.add(status + " " + (body.length() > 300 ? body.substring(0, 300) : body));
                        }
                    }
                }
            }));
        }
        began[0] = System.nanoTime();
        start.countDown();
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        double seconds = (System.nanoTime() - began[0]) / 1e9;
        Histogram all = new Histogram(3);
        histograms.forEach(all::add);
        Map<Integer, Long> plain = new TreeMap<>();
        statuses.forEach((k, v) -> plain.put(k, v.get()));
        return new Outcome(all.getTotalCount(), unexpected.get(), plain, all, seconds, List.copyOf(failures));
    }
}
