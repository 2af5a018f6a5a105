package io.wrongodb.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Collation;
import com.mongodb.client.model.CreateCollectionOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Options MongoDB has and WrongoDB does not implement are refused with an error that says so (238
 * NotImplemented), never silently ignored: ignoring a collation, a view definition or index bounds would return
 * other documents than the client asked for. The options WrongoDB's behaviour already matches are accepted.
 */
class RefusedOptionsTest extends DriverTestBase {

    @BeforeEach
    void someDocuments() {
        insertIntoC("{_id: 1, s: 'a'}", "{_id: 2, s: 'A'}", "{_id: 3, s: 'b'}");
    }

    private static void assertRefused(Runnable action, int code, String codeName, String messagePart) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(MongoCommandException.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo(code);
            assertThat(e.getErrorCodeName()).isEqualTo(codeName);
            assertThat(e.getErrorMessage()).contains(messagePart);
        });
    }

    @Test
    void aLocaleCollationIsRefusedOnEveryCommandThatTakesOne() {
        Collation english = Collation.builder()
                .locale("en")
                .collationStrength(com.mongodb.client.model.CollationStrength.SECONDARY)
                .build();
        var c = collection("c");
        assertRefused(() -> c.find(Filters.eq("s", "a")).collation(english).first(), 238, "NotImplemented", "'en'");
        assertRefused(
                () -> c.countDocuments(
                        Filters.eq("s", "a"), new com.mongodb.client.model.CountOptions().collation(english)),
                238,
                "NotImplemented",
                "collation");
        assertRefused(() -> c.distinct("s", String.class).collation(english).first(), 238, "NotImplemented", "'en'");
        assertRefused(
                () -> c.createIndex(Indexes.ascending("s"), new IndexOptions().collation(english)),
                238,
                "NotImplemented",
                "'en'");
        assertRefused(
                () -> command("{findAndModify: 'c', query: {s: 'a'}, remove: true, collation: {locale: 'fr'}}"),
                238,
                "NotImplemented",
                "'fr'");
        assertThatThrownBy(() -> c.deleteMany(
                        Filters.eq("s", "a"), new com.mongodb.client.model.DeleteOptions().collation(english)))
                .isInstanceOfSatisfying(
                        MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(238));
        assertThatThrownBy(() -> c.updateMany(
                        Filters.eq("s", "a"),
                        Updates.set("t", 1),
                        new com.mongodb.client.model.UpdateOptions().collation(english)))
                .isInstanceOfSatisfying(
                        MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(238));
        // Nothing was changed or deleted by the refused writes.
        assertThat(c.countDocuments()).isEqualTo(3);
        assertThat(c.countDocuments(Filters.exists("t"))).isZero();
    }

    @Test
    void theSimpleCollationIsAcceptedBecauseItIsBinaryComparison() {
        Collation simple = Collation.builder().locale("simple").build();
        var found = collection("c").find(Filters.eq("s", "a")).collation(simple).into(new java.util.ArrayList<>());
        assertThat(found).containsExactly(doc("{_id: 1, s: 'a'}"));
        assertThat(collection("c").createIndex(Indexes.ascending("s"), new IndexOptions().collation(simple)))
                .isEqualTo("s_1");
    }

    @Test
    void aCollationThatIsNotADocumentOrHasNoLocaleIsABadRequest() {
        assertRefused(() -> command("{find: 'c', collation: 'en'}"), 14, "TypeMismatch", "collation");
        assertRefused(() -> command("{find: 'c', collation: {strength: 2}}"), 40414, "Location40414", "locale");
    }

    @Test
    void findOptionsThatChangeTheResultAreRefused() {
        assertRefused(() -> command("{find: 'c', min: {s: 'a'}, hint: {s: 1}}"), 238, "NotImplemented", "'min'");
        assertRefused(() -> command("{find: 'c', max: {s: 'b'}, hint: {s: 1}}"), 238, "NotImplemented", "'max'");
        assertRefused(() -> command("{find: 'c', returnKey: true}"), 238, "NotImplemented", "'returnKey'");
        assertRefused(() -> command("{find: 'c', showRecordId: true}"), 238, "NotImplemented", "'showRecordId'");
        // false and empty values ask for nothing and are accepted
        BsonDocument reply = command("{find: 'c', returnKey: false, showRecordId: false, min: {}, max: {}}");
        assertThat(reply.getDocument("cursor").getArray("firstBatch")).hasSize(3);
    }

    @Test
    void aTailableCursorOnACollectionThatIsNotCappedIsBadValueAsInMongoDB() {
        assertRefused(
                () -> command("{find: 'c', tailable: true}"), 2, "BadValue", "tailable cursor requested on non capped");
        assertRefused(() -> command("{find: 'c', awaitData: true}"), 9, "FailedToParse", "awaitData");
    }

    @Test
    void optionsThatOnlyTuneTheRequestAreAccepted() {
        var c = collection("c");
        assertThat(c.find()
                        .maxTime(5, TimeUnit.SECONDS)
                        .noCursorTimeout(true)
                        .allowDiskUse(true)
                        .comment("x")
                        .into(new java.util.ArrayList<>()))
                .hasSize(3);
    }

    @Test
    void timeSeriesCappedCollectionsAndValidatorsAreRefusedAndNothingIsCreated() {
        assertRefused(
                () -> db.createCollection(
                        "capped", new CreateCollectionOptions().capped(true).sizeInBytes(4096)),
                238,
                "NotImplemented",
                "capped");
        assertRefused(
                () -> command("{create: 'ts', timeseries: {timeField: 't'}}"), 238, "NotImplemented", "timeseries");
        assertRefused(
                () -> command("{create: 'validated', validator: {a: {$exists: true}}}"),
                238,
                "NotImplemented",
                "validator");
        assertThat(db.listCollectionNames().into(new java.util.ArrayList<>())).containsExactly("c");
        // capped: false and an empty validator ask for nothing special
        command("{create: 'plain', capped: false, validator: {}}");
        assertThat(db.listCollectionNames().into(new java.util.ArrayList<>())).containsExactlyInAnyOrder("c", "plain");
    }

    @Test
    void indexOptionsMongoDBHasButWrongoDBLacksAreNotImplementedWhileUnknownOnesAreInvalid() {
        assertRefused(
                () -> collection("c").createIndex(Indexes.ascending("t"), new IndexOptions().hidden(true)),
                238,
                "NotImplemented",
                "hidden");
        assertRefused(
                () -> command("{createIndexes: 'c', indexes: [{key: {t: 1}, name: 't_1', nonsense: 1}]}"),
                197,
                "InvalidIndexSpecificationOption",
                "nonsense");
    }
}
