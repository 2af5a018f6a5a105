package io.wrongodb.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

/**
 * TTL indexes as MongoDB 7.0 has them: {@code expireAfterSeconds} on a single-field index, listed by listIndexes,
 * kept across a restart, and a background monitor that deletes documents whose date is older (every
 * {@code ttlMonitorSleepSecs}, which {@code setParameter} shortens here so the test need not wait a minute).
 */
class TtlIndexTest extends DriverTestBase {

    private static BsonDocument at(int id, Instant when) {
        return new BsonDocument("_id", new BsonInt32(id)).append("at", new BsonDateTime(when.toEpochMilli()));
    }

    private void monitorEverySecond() {
        BsonDocument reply = client.getDatabase("admin")
                .runCommand(doc("{setParameter: 1, ttlMonitorSleepSecs: 1}"), BsonDocument.class);
        assertThat(reply.get("was")).isEqualTo(new BsonInt32(60));
    }

    private List<Integer> idsAfterExpiry(String collection, int expectedLeft) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<Integer> ids;
        do {
            Thread.sleep(200);
            ids = new ArrayList<>();
            for (BsonDocument d : collection(collection).find()) {
                ids.add(d.getInt32("_id").getValue());
            }
        } while (ids.size() > expectedLeft && System.nanoTime() < deadline);
        return ids;
    }

    @Test
    void expiredDocumentsAreDeletedAndOthersKept() throws Exception {
        Instant now = Instant.now();
        var c = collection("events");
        c.createIndex(Indexes.ascending("at"), new IndexOptions().expireAfter(3600L, TimeUnit.SECONDS));
        c.createIndex(Indexes.ascending("kind"));
        c.insertMany(List.of(
                at(1, now.minus(Duration.ofHours(2))).append("kind", new BsonString("old")),
                at(2, now.plus(Duration.ofHours(1))).append("kind", new BsonString("future")),
                at(3, now.minus(Duration.ofMinutes(30))).append("kind", new BsonString("recent")),
                new BsonDocument("_id", new BsonInt32(4)).append("at", new BsonString("not a date")),
                new BsonDocument("_id", new BsonInt32(5)),
                new BsonDocument("_id", new BsonInt32(6))
                        .append(
                                "at",
                                new BsonArray(List.of(
                                        new BsonDateTime(
                                                now.plus(Duration.ofDays(1)).toEpochMilli()),
                                        new BsonDateTime(
                                                now.minus(Duration.ofDays(1)).toEpochMilli()))))
                        .append("kind", new BsonString("old")),
                at(7, now.minus(Duration.ofDays(400)))));
        monitorEverySecond();

        assertThat(idsAfterExpiry("events", 4)).containsExactly(2, 3, 4, 5);
        // The secondary index lost the deleted documents' entries too.
        assertThat(c.countDocuments(doc("{kind: 'old'}"))).isZero();
        assertThat(c.find(doc("{kind: 'old'}")).hint(doc("{kind: 1}")).first()).isNull();
    }

    @Test
    void anIndexWithZeroSecondsExpiresAtTheDateItself() throws Exception {
        Instant now = Instant.now();
        var c = collection("sessions");
        c.createIndex(Indexes.ascending("expiresAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
        c.insertMany(List.of(
                new BsonDocument("_id", new BsonInt32(1))
                        .append(
                                "expiresAt",
                                new BsonDateTime(now.minusSeconds(5).toEpochMilli())),
                new BsonDocument("_id", new BsonInt32(2))
                        .append(
                                "expiresAt",
                                new BsonDateTime(now.plus(Duration.ofHours(1)).toEpochMilli()))));
        monitorEverySecond();
        assertThat(idsAfterExpiry("sessions", 1)).containsExactly(2);
        BsonDocument ttl = client.getDatabase("admin")
                .runCommand(doc("{serverStatus: 1}"), BsonDocument.class)
                .getDocument("metrics")
                .getDocument("ttl");
        assertThat(ttl.getInt64("deletedDocuments").getValue()).isEqualTo(1);
        assertThat(ttl.getInt64("passes").getValue()).isPositive();
    }

    @Test
    void listIndexesShowsTheOptionAndItSurvivesARestart() throws Exception {
        collection("c").createIndex(Indexes.ascending("at"), new IndexOptions().expireAfter(90L, TimeUnit.SECONDS));
        restart();
        BsonDocument index = collection("c")
                .listIndexes(BsonDocument.class)
                .into(new ArrayList<>())
                .get(1);
        assertThat(index).isEqualTo(doc("{v: 2, key: {at: 1}, name: 'at_1', expireAfterSeconds: 90}"));
    }

    @Test
    void theSameIndexWithAnotherExpiryConflictsAsAnEquivalentIndex() {
        collection("c").createIndex(Indexes.ascending("at"), new IndexOptions().expireAfter(90L, TimeUnit.SECONDS));
        assertThatThrownBy(() -> collection("c")
                        .createIndex(Indexes.ascending("at"), new IndexOptions().expireAfter(10L, TimeUnit.SECONDS)))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(85);
                    assertThat(e.getErrorMessage()).startsWith("An equivalent index already exists with the same name");
                });
    }

    @Test
    void badTtlSpecificationsGetMongoDBsErrors() {
        assertError("{createIndexes: 'c', indexes: [{key: {at: 1}, name: 'a', expireAfterSeconds: -1}]}", 72);
        assertError("{createIndexes: 'c', indexes: [{key: {at: 1}, name: 'a', expireAfterSeconds: 'x'}]}", 72);
        assertError("{createIndexes: 'c', indexes: [{key: {at: 1}, name: 'a', expireAfterSeconds: 4294967296}]}", 72);
        assertError("{createIndexes: 'c', indexes: [{key: {at: 1, b: 1}, name: 'a', expireAfterSeconds: 1}]}", 67);
        assertError("{createIndexes: 'c', indexes: [{key: {_id: 1}, name: 'i', expireAfterSeconds: 1}]}", 197);
        assertThat(db.listCollectionNames().into(new ArrayList<>())).doesNotContain("c");
    }

    @Test
    void setParameterAndGetParameterAgreeAndRefuseWhatTheyDoNotKnow() {
        var admin = client.getDatabase("admin");
        admin.runCommand(doc("{setParameter: 1, ttlMonitorEnabled: false}"));
        assertThat(admin.runCommand(doc("{getParameter: 1, ttlMonitorEnabled: 1}"), BsonDocument.class)
                        .getBoolean("ttlMonitorEnabled")
                        .getValue())
                .isFalse();
        assertError(admin, "{setParameter: 1, noSuchParameter: 1}", 72);
        assertError(admin, "{setParameter: 1, ttlMonitorSleepSecs: 0}", 2);
        assertError(db, "{setParameter: 1, ttlMonitorSleepSecs: 5}", 13);
    }

    private void assertError(String command, int code) {
        assertError(db, command, code);
    }

    private static void assertError(com.mongodb.client.MongoDatabase database, String command, int code) {
        assertThatThrownBy(() -> database.runCommand(BsonDocument.parse(command)))
                .isInstanceOfSatisfying(
                        MongoCommandException.class,
                        e -> assertThat(e.getErrorCode()).as(command).isEqualTo(code));
    }
}
