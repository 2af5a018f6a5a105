package io.wrongodb.driver;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.wrongodb.server.RunningNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents and their indexes survive kill -9 of the node: a node in its own process takes journaled inserts,
 * updates and deletes from two client threads (and creates a collection and an index while they run) until it is
 * killed with SIGKILL. Restarted, every acknowledged write is there (a delete cut off by the kill may or may not
 * have happened), and the index holds exactly the documents a collection scan finds, with the values they have.
 */
class DocumentCrashTest {
    @TempDir
    Path dataDir;

    @Test
    void acknowledgedJournaledWritesSurviveKillNine() throws Exception {
        for (int crash = 0; crash < 3; crash++) {
            Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
            Set<Integer> deleted = ConcurrentHashMap.newKeySet();
            Set<Integer> deleteSent = ConcurrentHashMap.newKeySet();
            Process node = startNode();
            int port = readPort(node);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            int base = crash * 1_000_000;
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port
                    + "/?directConnection=true&serverSelectionTimeoutMS=5000&socketTimeoutMS=5000")) {
                MongoCollection<BsonDocument> c = client.getDatabase("crash")
                        .getCollection("docs", BsonDocument.class)
                        .withWriteConcern(WriteConcern.JOURNALED);
                if (crash == 0) {
                    c.createIndex(new BsonDocument("k", new BsonInt32(1)));
                }
                for (int t = 0; t < 2; t++) {
                    int thread = t;
                    Thread writer = new Thread(() -> {
                        int i = 0;
                        try {
                            while (!stop.get()) {
                                int id = base + thread * 100_000 + i++;
                                c.insertOne(new BsonDocument("_id", new BsonInt32(id))
                                        .append("k", new BsonInt32(id % 97))
                                        .append("pad", new BsonString("p".repeat(200))));
                                acknowledged.add(id);
                                if (i % 5 == 0) {
                                    c.updateOne(Filters.eq("_id", id), Updates.set("k", -1));
                                }
                                if (i % 7 == 0) {
                                    deleteSent.add(id);
                                    if (c.deleteOne(Filters.eq("_id", id)).getDeletedCount() == 1) {
                                        deleted.add(id);
                                    }
                                }
                            }
                        } catch (RuntimeException expectedAtTheKill) {
                            // the node was killed under this write: its outcome is unknown
                        }
                    });
                    writers.add(writer);
                    writer.start();
                }
                if (crash == 1) {
                    client.getDatabase("crash").getCollection("second").insertOne(new org.bson.Document("x", 1));
                }
                Thread.sleep(1500);
                node.toHandle().destroyForcibly();
                assertThat(node.waitFor(20, TimeUnit.SECONDS)).isTrue();
                stop.set(true);
                for (Thread writer : writers) {
                    writer.join(20_000);
                }
            }
            assertThat(acknowledged).as("writes before the kill").isNotEmpty();
            try (RunningNode restarted = RunningNode.primary(dataDir);
                    MongoClient client = restarted.directClient()) {
                MongoCollection<BsonDocument> c = client.getDatabase("crash").getCollection("docs", BsonDocument.class);
                Set<Integer> present = new HashSet<>();
                List<BsonDocument> scanned = c.find()
                        .hint(new BsonDocument("$natural", new BsonInt32(1)))
                        .into(new ArrayList<>());
                scanned.forEach(d -> present.add(d.getInt32("_id").getValue()));
                for (int id : acknowledged) {
                    if (!deleteSent.contains(id)) {
                        assertThat(present).as("acknowledged insert %d", id).contains(id);
                    }
                }
                for (int id : deleted) {
                    assertThat(present).as("acknowledged delete %d", id).doesNotContain(id);
                }
                List<BsonDocument> viaIndex = c.find(Filters.gte("k", -1))
                        .hint(new BsonDocument("k", new BsonInt32(1)))
                        .into(new ArrayList<>());
                assertThat(viaIndex).as("the index names exactly the documents").hasSameSizeAs(scanned);
                assertThat(new HashSet<>(viaIndex)).isEqualTo(new HashSet<>(scanned));
                if (crash >= 1) {
                    assertThat(client.getDatabase("crash").listCollectionNames().into(new ArrayList<>()))
                            .contains("docs", "second");
                }
            }
        }
    }

    private Process startNode() throws Exception {
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        NodeProcess.class.getName(),
                        dataDir.toString())
                .redirectErrorStream(true)
                .start();
    }

    private static int readPort(Process node) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream()));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("PORT ")) {
                int port = Integer.parseInt(line.substring(5).trim());
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the child's output from filling the pipe
                        }
                    } catch (java.io.IOException ignored) {
                        // the child is gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return port;
            }
        }
        throw new IllegalStateException("the node process exited before listening");
    }
}
