package io.wrongodb.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoNamespace;
import com.mongodb.client.model.RenameCollectionOptions;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/** Databases and collections: create, drop, rename, list, stats, names, as MongoDB 7.0 answers. */
class CatalogTest extends DriverTestBase {

    @Test
    void createListAndDrop() {
        db.createCollection("b");
        db.createCollection("a");
        assertThat(db.listCollectionNames().into(new ArrayList<>())).containsExactly("a", "b");
        BsonDocument entry = db.listCollections(BsonDocument.class).first();
        assertThat(entry.getString("name").getValue()).isEqualTo("a");
        assertThat(entry.getString("type").getValue()).isEqualTo("collection");
        assertThat(entry.getDocument("info").getBinary("uuid").getType()).isEqualTo((byte) 4);
        assertThat(entry.getDocument("idIndex").getString("name").getValue()).isEqualTo("_id_");
        collection("a").drop();
        assertThat(db.listCollectionNames().into(new ArrayList<>())).containsExactly("b");
    }

    @Test
    void createExistingIsNamespaceExists() {
        db.createCollection("a");
        assertThatThrownBy(() -> db.createCollection("a")).isInstanceOfSatisfying(MongoCommandException.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo(48);
            assertThat(e.getErrorCodeName()).isEqualTo("NamespaceExists");
            assertThat(e.getErrorMessage()).isEqualTo("Collection test.a already exists.");
        });
    }

    @Test
    void dropOfMissingCollectionSucceeds() {
        BsonDocument reply = command("{drop: 'nothing'}");
        assertThat(reply.get("ok").asNumber().intValue()).isEqualTo(1);
    }

    @Test
    void insertCreatesCollectionAndDatabaseImplicitly() {
        client.getDatabase("shop").getCollection("orders").insertOne(new org.bson.Document("x", 1));
        List<String> dbs = client.listDatabaseNames().into(new ArrayList<>());
        assertThat(dbs).contains("shop");
        BsonDocument listed = client.getDatabase("admin").runCommand(doc("{listDatabases: 1}"), BsonDocument.class);
        BsonDocument shop = listed.getArray("databases").stream()
                .map(v -> v.asDocument())
                .filter(d -> d.getString("name").getValue().equals("shop"))
                .findFirst()
                .orElseThrow();
        assertThat(shop.getInt64("sizeOnDisk").getValue()).isPositive();
        assertThat(shop.getBoolean("empty").getValue()).isFalse();
    }

    @Test
    void dropDatabaseRemovesEveryCollection() {
        collection("a").insertOne(doc("{x: 1}"));
        collection("b").insertOne(doc("{x: 1}"));
        BsonDocument reply = command("{dropDatabase: 1}");
        assertThat(reply.getString("dropped").getValue()).isEqualTo("test");
        assertThat(db.listCollectionNames().into(new ArrayList<>())).isEmpty();
        assertThat(client.listDatabaseNames().into(new ArrayList<>())).doesNotContain("test");
    }

    @Test
    void renameKeepsDocumentsIndexesAndUuid() {
        var a = collection("a");
        a.insertOne(doc("{_id: 1, k: 5}"));
        a.createIndex(doc("{k: 1}"));
        BsonDocument uuidBefore = db.listCollections(BsonDocument.class).first().getDocument("info");
        a.renameCollection(new MongoNamespace("test", "b"));
        assertThat(db.listCollectionNames().into(new ArrayList<>())).containsExactly("b");
        assertThat(collection("b").find().first()).isEqualTo(doc("{_id: 1, k: 5}"));
        assertThat(db.listCollections(BsonDocument.class).first().getDocument("info"))
                .isEqualTo(uuidBefore);
        assertThat(collection("b").listIndexes(BsonDocument.class).into(new ArrayList<>()))
                .hasSize(2);
    }

    @Test
    void renameOntoExistingNeedsDropTarget() {
        collection("a").insertOne(doc("{_id: 1}"));
        collection("b").insertOne(doc("{_id: 2}"));
        assertThatThrownBy(() -> collection("a").renameCollection(new MongoNamespace("test", "b")))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> assertThat(e.getErrorCode())
                        .isEqualTo(48));
        collection("a")
                .renameCollection(new MongoNamespace("test", "b"), new RenameCollectionOptions().dropTarget(true));
        assertThat(collection("b").find().first()).isEqualTo(doc("{_id: 1}"));
    }

    @Test
    void invalidNamesAreInvalidNamespace() {
        assertThatThrownBy(() -> command("{insert: 'a$b', documents: [{}]}"))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(73);
                    assertThat(e.getErrorMessage()).isEqualTo("Invalid namespace specified 'test.a$b'");
                });
        assertThatThrownBy(() -> command("{create: ''}"))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> assertThat(e.getErrorCode())
                        .isEqualTo(73));
        assertThatThrownBy(() -> client.getDatabase("bad$name").runCommand(doc("{create: 'x'}")))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> assertThat(e.getErrorCode())
                        .isEqualTo(73));
        assertThatThrownBy(() -> command("{create: '" + "x".repeat(300) + "'}"))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> assertThat(e.getErrorCode())
                        .isEqualTo(73));
    }

    @Test
    void collStatsAndDbStatsCountDocuments() {
        var c = collection("c");
        for (int i = 0; i < 20; i++) {
            c.insertOne(doc("{v: " + i + "}"));
        }
        BsonDocument stats = command("{collStats: 'c'}");
        assertThat(stats.getInt64("count").getValue()).isEqualTo(20);
        assertThat(stats.getInt32("nindexes").getValue()).isEqualTo(1);
        assertThat(stats.getInt64("size").getValue()).isGreaterThan(20 * 20);
        BsonDocument dbStats = command("{dbStats: 1}");
        assertThat(dbStats.getInt64("collections").getValue()).isEqualTo(1);
        assertThat(dbStats.getInt64("objects").getValue()).isEqualTo(20);
        assertThatThrownBy(() -> command("{collStats: 'none'}"))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> assertThat(e.getErrorCode())
                        .isEqualTo(26));
    }

    @Test
    void catalogSurvivesRestart() throws Exception {
        db.createCollection("kept");
        collection("gone").insertOne(doc("{x: 1}"));
        collection("gone").drop();
        restart();
        assertThat(db.listCollectionNames().into(new ArrayList<>())).containsExactly("kept");
    }

    @Test
    void listCollectionsHonoursBatchSizeAndTheDriverIteratesWithGetMore() {
        for (int i = 0; i < 5; i++) {
            db.createCollection("c" + i);
        }
        BsonDocument first = command("{listCollections: 1, nameOnly: true, cursor: {batchSize: 2}}");
        BsonDocument cursor = first.getDocument("cursor");
        assertThat(cursor.getString("ns").getValue()).isEqualTo("test.$cmd.listCollections");
        assertThat(cursor.getArray("firstBatch")).hasSize(2);
        long id = cursor.getInt64("id").getValue();
        assertThat(id).isNotZero();
        BsonDocument more = db.runCommand(
                new BsonDocument("getMore", new org.bson.BsonInt64(id))
                        .append("collection", new org.bson.BsonString("$cmd.listCollections"))
                        .append("batchSize", new org.bson.BsonInt32(10)),
                BsonDocument.class);
        assertThat(more.getDocument("cursor").getArray("nextBatch")).hasSize(3);
        assertThat(more.getDocument("cursor").getInt64("id").getValue()).isZero();
        // and the driver walks the same cursor by itself
        assertThat(db.listCollectionNames().batchSize(1).into(new ArrayList<>()))
                .containsExactlyInAnyOrder("c0", "c1", "c2", "c3", "c4");
    }
}
