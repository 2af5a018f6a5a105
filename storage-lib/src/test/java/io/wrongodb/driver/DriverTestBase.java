package io.wrongodb.driver;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.wrongodb.server.RunningNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node in a temporary data directory and a client of the official Java driver connected to it, for the suites
 * that check what a command returns against what MongoDB 7.0 returns. Each test starts with an empty node.
 */
abstract class DriverTestBase {
    @TempDir
    Path dataDir;

    RunningNode node;
    MongoClient client;
    MongoDatabase db;

    @BeforeEach
    void startNode() {
        node = RunningNode.primary(dataDir);
        client = node.directClient();
        db = client.getDatabase("test");
    }

    @AfterEach
    void stopNode() throws Exception {
        if (client != null) {
            client.close();
        }
        if (node != null) {
            node.close();
        }
    }

    /** Stops the node and starts a new one on the same data directory. */
    void restart() throws Exception {
        stopNode();
        startNode();
    }

    MongoCollection<BsonDocument> collection(String name) {
        return db.getCollection(name, BsonDocument.class);
    }

    /** Inserts the documents, given as JSON, into collection "c" and returns it. */
    MongoCollection<BsonDocument> insertIntoC(String... documents) {
        var c = collection("c");
        List<BsonDocument> docs = new ArrayList<>();
        for (String d : documents) {
            docs.add(doc(d));
        }
        c.insertMany(docs);
        return c;
    }

    /** Runs a command in the test database and returns the reply. */
    BsonDocument command(String json) {
        return db.runCommand(BsonDocument.parse(json), BsonDocument.class);
    }

    static BsonDocument doc(String json) {
        return BsonDocument.parse(json);
    }
}
