package io.wrongodb.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.junit.jupiter.api.Test;

/** Cursors: batches, getMore, killCursors, limits and singleBatch, as MongoDB 7.0 returns them. */
class CursorTest extends DriverTestBase {

    private void fill(int n) {
        List<BsonDocument> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            docs.add(new BsonDocument("_id", new BsonInt32(i)).append("pad", new org.bson.BsonString("x".repeat(100))));
        }
        collection("c").insertMany(docs);
    }

    @Test
    void firstBatchIs101ThenGetMoreReturnsTheRest() {
        fill(250);
        BsonDocument first = command("{find: 'c'}");
        BsonDocument cursor = first.getDocument("cursor");
        assertThat(cursor.getArray("firstBatch")).hasSize(101);
        assertThat(cursor.getString("ns").getValue()).isEqualTo("test.c");
        long id = cursor.getInt64("id").getValue();
        assertThat(id).isNotZero();
        BsonDocument more = db.runCommand(
                new BsonDocument("getMore", new BsonInt64(id)).append("collection", new org.bson.BsonString("c")),
                BsonDocument.class);
        assertThat(more.getDocument("cursor").getArray("nextBatch")).hasSize(149);
        assertThat(more.getDocument("cursor").getInt64("id").getValue()).isZero();
        assertThat(more.getDocument("cursor")
                        .getArray("nextBatch")
                        .get(0)
                        .asDocument()
                        .getInt32("_id")
                        .getValue())
                .isEqualTo(101);
    }

    @Test
    void driverIteratesAcrossSmallBatches() {
        fill(95);
        List<BsonDocument> all = collection("c").find().batchSize(7).into(new ArrayList<>());
        assertThat(all)
                .extracting(d -> d.getInt32("_id").getValue())
                .containsExactlyElementsOf(
                        java.util.stream.IntStream.range(0, 95).boxed().toList());
    }

    @Test
    void limitAndSkipAndSingleBatch() {
        fill(50);
        assertThat(collection("c").find().skip(10).limit(5).into(new ArrayList<>()))
                .extracting(d -> d.getInt32("_id").getValue())
                .containsExactly(10, 11, 12, 13, 14);
        BsonDocument reply = command("{find: 'c', batchSize: 5, singleBatch: true}");
        assertThat(reply.getDocument("cursor").getArray("firstBatch")).hasSize(5);
        assertThat(reply.getDocument("cursor").getInt64("id").getValue()).isZero();
        BsonDocument limited = command("{find: 'c', limit: 3}");
        assertThat(limited.getDocument("cursor").getInt64("id").getValue()).isZero();
    }

    @Test
    void killedCursorIsNotFound() {
        fill(200);
        long id = command("{find: 'c', batchSize: 2}")
                .getDocument("cursor")
                .getInt64("id")
                .getValue();
        BsonDocument killed = db.runCommand(
                new BsonDocument("killCursors", new org.bson.BsonString("c"))
                        .append("cursors", new org.bson.BsonArray(List.of(new BsonInt64(id), new BsonInt64(12345)))),
                BsonDocument.class);
        assertThat(killed.getArray("cursorsKilled")).containsExactly(new BsonInt64(id));
        assertThat(killed.getArray("cursorsNotFound")).containsExactly(new BsonInt64(12345));
        assertThatThrownBy(() -> db.runCommand(new BsonDocument("getMore", new BsonInt64(id))
                        .append("collection", new org.bson.BsonString("c"))))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(43);
                    assertThat(e.getErrorCodeName()).isEqualTo("CursorNotFound");
                });
    }

    @Test
    void cursorSeesDocumentsCommittedBetweenBatchesAfterItsPosition() {
        fill(10);
        long id = command("{find: 'c', batchSize: 5}")
                .getDocument("cursor")
                .getInt64("id")
                .getValue();
        collection("c").insertOne(doc("{_id: 100}"));
        BsonDocument more = db.runCommand(
                new BsonDocument("getMore", new BsonInt64(id)).append("collection", new org.bson.BsonString("c")),
                BsonDocument.class);
        assertThat(more.getDocument("cursor").getArray("nextBatch")).hasSize(6);
    }

    @Test
    void cursorTimeoutMillisClosesIdleCursorsButNotThoseAskedNeverToTimeOut() throws Exception {
        fill(10);
        BsonDocument was = client.getDatabase("admin")
                .runCommand(doc("{setParameter: 1, cursorTimeoutMillis: 300}"), BsonDocument.class);
        assertThat(was.getInt64("was").getValue()).isEqualTo(600_000L);
        long idle = command("{find: 'c', batchSize: 1}")
                .getDocument("cursor")
                .getInt64("id")
                .getValue();
        long kept = command("{find: 'c', batchSize: 1, noCursorTimeout: true}")
                .getDocument("cursor")
                .getInt64("id")
                .getValue();
        Thread.sleep(600);
        assertThatThrownBy(() -> command("{getMore: {$numberLong: '" + idle + "'}, collection: 'c'}"))
                .isInstanceOfSatisfying(com.mongodb.MongoCommandException.class, e -> assertThat(e.getErrorCode())
                        .isEqualTo(43));
        BsonDocument more = command("{getMore: {$numberLong: '" + kept + "'}, collection: 'c', batchSize: 100}");
        assertThat(more.getDocument("cursor").getArray("nextBatch")).hasSize(9);
    }
}
