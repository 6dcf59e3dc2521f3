package com.bazaar.app.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.bson.Document;
import org.h2.mvstore.MVStore;

/**
 * What committing and syncing every write costs on the embedded server (docs/PERFORMANCE.md): inserts of
 * event-sized documents through the real driver over TCP, one writer and eight, into the stock H2 backend (background
 * commit) and into {@link DurableH2Backend}. A measuring program, not a test: run its {@code main} (command in
 * docs/PERFORMANCE.md).
 */
public final class DurableCommitBench {

    private static final int WRITES_PER_RUN = 2000;
    private static final String PAYLOAD = "x".repeat(900);

    private DurableCommitBench() {}

    public static void main(String[] args) throws Exception {
        System.out.println("| backend | writers | writes/s | p50 ms | p99 ms |");
        System.out.println("| --- | --- | --- | --- | --- |");
        for (int round = 0; round < 2; round++) {
            // The first round warms the JIT and the file system up; only the second is printed.
            boolean print = round == 1;
            for (int writers : new int[] {1, 8}) {
                run("H2Backend (background commit)", file -> new H2Backend(file.toString()), writers, print);
                run(
                        "DurableH2Backend (commit + fsync)",
                        file -> new DurableH2Backend(
                                new MVStore.Builder().fileName(file.toString()).open(),
                                collection -> false,
                                new EmbeddedServerInserts()),
                        writers,
                        print);
            }
        }
    }

    private static void run(String name, Function<Path, MongoBackend> backend, int writers, boolean print)
            throws Exception {
        Path dir = Files.createTempDirectory("durable-bench");
        MongoServer server = new MongoServer(backend.apply(dir.resolve("mongo.mv")));
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            MongoCollection<Document> events = client.getDatabase("bench").getCollection("domainevents");
            events.insertOne(new Document("warm", true));
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<long[]>> results = new ArrayList<>();
            long started = System.nanoTime();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                results.add(pool.submit(() -> {
                    long[] latencies = new long[WRITES_PER_RUN / writers];
                    for (int i = 0; i < latencies.length; i++) {
                        long t = System.nanoTime();
                        events.insertOne(new Document("aggregateIdentifier", "a" + writer)
                                .append("sequenceNumber", i)
                                .append("serializedPayload", PAYLOAD));
                        latencies[i] = System.nanoTime() - t;
                    }
                    return latencies;
                }));
            }
            long[] all = new long[0];
            for (Future<long[]> result : results) {
                long[] some = result.get();
                long[] merged = Arrays.copyOf(all, all.length + some.length);
                System.arraycopy(some, 0, merged, all.length, some.length);
                all = merged;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            pool.shutdown();
            Arrays.sort(all);
            if (print) {
                System.out.printf(
                        "| %s | %d | %.0f | %.2f | %.2f |%n",
                        name,
                        writers,
                        all.length / seconds,
                        all[all.length / 2] / 1e6,
                        all[(int) (all.length * 0.99)] / 1e6);
            }
        } finally {
            server.shutdown();
        }
    }
}
