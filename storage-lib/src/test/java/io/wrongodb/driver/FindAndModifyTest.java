package io.wrongodb.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndDeleteOptions;
import com.mongodb.client.model.FindOneAndReplaceOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.api.Test;

/**
 * findAndModify through the driver's findOneAndUpdate, findOneAndReplace and findOneAndDelete (sort, projection,
 * returnDocument BEFORE/AFTER, upsert) and as a raw command, whose lastErrorObject reports n, updatedExisting and
 * upserted as MongoDB 7.0 does.
 */
class FindAndModifyTest extends DriverTestBase {
    private static final JsonWriterSettings CANONICAL =
            JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    private static void assertExactly(BsonDocument actual, String expected) {
        assertThat(actual).isNotNull();
        assertThat(actual.toJson(CANONICAL)).isEqualTo(doc(expected).toJson(CANONICAL));
    }

    private MongoCollection<BsonDocument> scores() {
        var c = collection("scores");
        c.insertMany(List.of(
                doc("{_id: 1, name: 'a', score: 5, group: 'x'}"),
                doc("{_id: 2, name: 'b', score: 9, group: 'y'}"),
                doc("{_id: 3, name: 'c', score: 7, group: 'x'}"),
                doc("{_id: 4, name: 'd', score: 3, group: 'x'}")));
        return c;
    }

    // ---- findOneAndUpdate ------------------------------------------------------------------------------------

    @Test
    void updateReturnsTheDocumentBeforeByDefault() {
        var c = scores();
        BsonDocument before = c.findOneAndUpdate(doc("{_id: 3}"), doc("{$inc: {score: 1}, $set: {seen: true}}"));
        assertExactly(before, "{_id: 3, name: 'c', score: 7, group: 'x'}");
        assertExactly(c.find(doc("{_id: 3}")).first(), "{_id: 3, name: 'c', score: 8, group: 'x', seen: true}");
    }

    @Test
    void updateWithReturnDocumentAfter() {
        var c = scores();
        BsonDocument after = c.findOneAndUpdate(
                doc("{_id: 3}"),
                doc("{$inc: {score: 1}}"),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        assertExactly(after, "{_id: 3, name: 'c', score: 8, group: 'x'}");
    }

    @Test
    void sortPicksWhichDocumentIsModified() {
        var c = scores();
        BsonDocument top = c.findOneAndUpdate(
                doc("{group: 'x'}"),
                doc("{$set: {top: true}}"),
                new FindOneAndUpdateOptions().sort(doc("{score: -1}")));
        assertExactly(top, "{_id: 3, name: 'c', score: 7, group: 'x'}");
        BsonDocument bottom = c.findOneAndUpdate(
                doc("{}"),
                doc("{$set: {bottom: true}}"),
                new FindOneAndUpdateOptions().sort(doc("{score: 1}")).returnDocument(ReturnDocument.AFTER));
        assertExactly(bottom, "{_id: 4, name: 'd', score: 3, group: 'x', bottom: true}");
        assertThat(c.countDocuments(doc("{top: true}"))).isEqualTo(1);
        assertThat(c.countDocuments(doc("{bottom: true}"))).isEqualTo(1);
        assertThat(c.find(doc("{top: true}")).first().getInt32("_id").getValue())
                .isEqualTo(3);
    }

    @Test
    void projectionShapesTheReturnedDocumentOnly() {
        var c = scores();
        BsonDocument shown = c.findOneAndUpdate(
                doc("{_id: 2}"),
                doc("{$inc: {score: 10}}"),
                new FindOneAndUpdateOptions()
                        .projection(doc("{score: 1, _id: 0}"))
                        .returnDocument(ReturnDocument.AFTER));
        assertExactly(shown, "{score: 19}");
        BsonDocument excluded = c.findOneAndUpdate(
                doc("{_id: 2}"),
                doc("{$set: {name: 'z'}}"),
                new FindOneAndUpdateOptions().projection(doc("{name: 0}")));
        assertExactly(excluded, "{_id: 2, score: 19, group: 'y'}");
        assertExactly(c.find(doc("{_id: 2}")).first(), "{_id: 2, name: 'z', score: 19, group: 'y'}");
    }

    @Test
    void noMatchReturnsNullAndChangesNothing() {
        var c = scores();
        assertThat(c.findOneAndUpdate(doc("{_id: 99}"), doc("{$set: {a: 1}}"))).isNull();
        assertThat(c.findOneAndUpdate(
                        doc("{_id: 99}"),
                        doc("{$set: {a: 1}}"),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .isNull();
        assertThat(c.countDocuments()).isEqualTo(4);
        assertThat(collection("missing").findOneAndUpdate(doc("{}"), doc("{$set: {a: 1}}")))
                .isNull();
        assertThat(db.listCollectionNames().into(new ArrayList<>())).containsExactly("scores");
    }

    @Test
    void upsertReturnsNullBeforeAndTheInsertedDocumentAfter() {
        var c = scores();
        assertThat(c.findOneAndUpdate(
                        doc("{_id: 10, group: 'z'}"),
                        doc("{$set: {score: 1}}"),
                        new FindOneAndUpdateOptions().upsert(true)))
                .isNull();
        assertExactly(c.find(doc("{_id: 10}")).first(), "{_id: 10, group: 'z', score: 1}");

        BsonDocument inserted = c.findOneAndUpdate(
                doc("{name: 'new', score: {$gt: 100}}"),
                doc("{$setOnInsert: {fresh: true}, $inc: {score: 2}}"),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        assertThat(inserted.get("_id")).isInstanceOf(BsonObjectId.class);
        assertThat(inserted.keySet()).containsExactly("_id", "name", "fresh", "score");
        assertThat(inserted)
                .isEqualTo(doc("{name: 'new', fresh: true, score: 2}").append("_id", inserted.get("_id")));
        assertThat(c.find(new BsonDocument("_id", inserted.get("_id"))).first()).isEqualTo(inserted);

        BsonDocument matched = c.findOneAndUpdate(
                doc("{_id: 10}"),
                doc("{$setOnInsert: {fresh: true}, $inc: {score: 2}}"),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        assertExactly(matched, "{_id: 10, group: 'z', score: 3}");
    }

    @Test
    void arrayFiltersApply() {
        var c = collection("c");
        c.insertOne(doc("{_id: 1, grades: [95, 102, 90, 150]}"));
        BsonDocument after = c.findOneAndUpdate(
                doc("{_id: 1}"),
                doc("{$set: {'grades.$[g]': 100}}"),
                new FindOneAndUpdateOptions()
                        .arrayFilters(List.of(doc("{g: {$gte: 100}}")))
                        .returnDocument(ReturnDocument.AFTER));
        assertExactly(after, "{_id: 1, grades: [95, 100, 90, 100]}");
    }

    @Test
    void updateErrorsAreCommandErrors() {
        var c = scores();
        assertThatThrownBy(() -> c.findOneAndUpdate(doc("{_id: 1}"), doc("{$inc: {name: 1}}")))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(14);
                    assertThat(e.getErrorCodeName()).isEqualTo("TypeMismatch");
                    assertThat(e.getErrorMessage())
                            .isEqualTo("Cannot apply $inc to a value of non-numeric type. {_id: 1} has the field"
                                    + " 'name' of non-numeric type string");
                });
        assertThatThrownBy(() -> c.findOneAndUpdate(doc("{_id: 1}"), doc("{$set: {_id: 5}}")))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(66);
                    assertThat(e.getErrorCodeName()).isEqualTo("ImmutableField");
                });
        assertThatThrownBy(() -> c.findOneAndUpdate(doc("{_id: 1}"), doc("{$set: {a: 1}, $inc: {a: 1}}")))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(40);
                    assertThat(e.getErrorCodeName()).isEqualTo("ConflictingUpdateOperators");
                });
        assertExactly(c.find(doc("{_id: 1}")).first(), "{_id: 1, name: 'a', score: 5, group: 'x'}");
    }

    // ---- findOneAndReplace -----------------------------------------------------------------------------------

    @Test
    void replaceKeepsTheIdAndReturnsBeforeOrAfter() {
        var c = scores();
        BsonDocument before = c.findOneAndReplace(
                doc("{group: 'x'}"),
                doc("{name: 'r', score: 0}"),
                new FindOneAndReplaceOptions().sort(doc("{score: 1}")));
        assertExactly(before, "{_id: 4, name: 'd', score: 3, group: 'x'}");
        assertExactly(c.find(doc("{_id: 4}")).first(), "{_id: 4, name: 'r', score: 0}");

        BsonDocument after = c.findOneAndReplace(
                doc("{_id: 1}"),
                doc("{_id: 1, other: true}"),
                new FindOneAndReplaceOptions()
                        .returnDocument(ReturnDocument.AFTER)
                        .projection(doc("{_id: 0}")));
        assertExactly(after, "{other: true}");
        assertExactly(c.find(doc("{_id: 1}")).first(), "{_id: 1, other: true}");
    }

    @Test
    void replaceWithUpsertTakesTheFilterIdOnly() {
        var c = scores();
        assertThat(c.findOneAndReplace(
                        doc("{_id: 20, name: 'x'}"), doc("{v: 1}"), new FindOneAndReplaceOptions().upsert(true)))
                .isNull();
        assertExactly(c.find(doc("{_id: 20}")).first(), "{_id: 20, v: 1}");
        BsonDocument generated = c.findOneAndReplace(
                doc("{name: 'nobody'}"),
                doc("{v: 2}"),
                new FindOneAndReplaceOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        assertThat(generated.keySet()).containsExactly("_id", "v");
        assertThat(generated.get("_id")).isInstanceOf(BsonObjectId.class);
    }

    @Test
    void replacingTheIdIsImmutableField() {
        var c = scores();
        assertThatThrownBy(() -> c.findOneAndReplace(doc("{_id: 1}"), doc("{_id: 2, a: 1}")))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(66);
                    assertThat(e.getErrorMessage())
                            .isEqualTo("After applying the update, the (immutable) field '_id' was found to have"
                                    + " been altered to _id: 2");
                });
    }

    // ---- findOneAndDelete ------------------------------------------------------------------------------------

    @Test
    void deleteRemovesTheFirstInSortOrderAndReturnsIt() {
        var c = scores();
        BsonDocument removed =
                c.findOneAndDelete(doc("{group: 'x'}"), new FindOneAndDeleteOptions().sort(doc("{score: -1}")));
        assertExactly(removed, "{_id: 3, name: 'c', score: 7, group: 'x'}");
        BsonDocument projected = c.findOneAndDelete(
                doc("{}"), new FindOneAndDeleteOptions().sort(doc("{name: -1}")).projection(doc("{name: 1}")));
        assertExactly(projected, "{_id: 4, name: 'd'}");
        assertThat(c.find().into(new ArrayList<>()))
                .extracting(d -> d.getInt32("_id").getValue())
                .containsExactly(1, 2);
        assertThat(c.findOneAndDelete(doc("{_id: 3}"))).isNull();
    }

    // ---- the raw command -------------------------------------------------------------------------------------

    @Test
    void lastErrorObjectOfAnUpdateOfAnExistingDocument() {
        scores();
        BsonDocument reply =
                command("{findAndModify: 'scores', query: {_id: 1}, update: {$set: {score: 6}}, new: true}");
        assertThat(reply.keySet()).containsExactly("lastErrorObject", "value", "ok");
        assertExactly(reply.getDocument("lastErrorObject"), "{n: 1, updatedExisting: true}");
        assertExactly(reply.getDocument("value"), "{_id: 1, name: 'a', score: 6, group: 'x'}");
        assertThat(reply.get("ok").asNumber().doubleValue()).isEqualTo(1.0);

        BsonDocument unchanged = command("{findAndModify: 'scores', query: {_id: 1}, update: {$set: {score: 6}}}");
        assertExactly(unchanged.getDocument("lastErrorObject"), "{n: 1, updatedExisting: true}");
    }

    @Test
    void lastErrorObjectOfAnUpsert() {
        scores();
        BsonDocument reply =
                command("{findAndModify: 'scores', query: {_id: 7}, update: {$set: {score: 1}}, upsert: true}");
        assertExactly(reply.getDocument("lastErrorObject"), "{n: 1, updatedExisting: false, upserted: 7}");
        assertThat(reply.get("value")).isEqualTo(BsonNull.VALUE);

        BsonDocument generated =
                command("{findAndModify: 'scores', query: {name: 'q'}, update: {q: 1}, upsert: true, new: true}");
        BsonDocument lastError = generated.getDocument("lastErrorObject");
        assertThat(lastError.keySet()).containsExactly("n", "updatedExisting", "upserted");
        assertThat(lastError.get("upserted")).isInstanceOf(BsonObjectId.class);
        assertThat(generated.getDocument("value")).isEqualTo(doc("{q: 1}").append("_id", lastError.get("upserted")));
        assertThat(generated.getDocument("value").getFirstKey()).isEqualTo("_id");

        BsonDocument created = command(
                "{findAndModify: 'brandNew', query: {_id: 'k'}, update: {$inc: {n: 1}}, upsert: true, new: true}");
        assertExactly(created.getDocument("value"), "{_id: 'k', n: 1}");
        assertThat(db.listCollectionNames().into(new ArrayList<>())).contains("brandNew");
    }

    @Test
    void upsertedIdIsReportedEvenWhenTheProjectionHidesIt() {
        BsonDocument reply = command("{findAndModify: 'fresh', query: {x: 1}, update: {$set: {y: 1}}, upsert: true,"
                + " new: true, fields: {_id: 0}}");
        BsonDocument lastError = reply.getDocument("lastErrorObject");
        assertThat(lastError.get("upserted")).isInstanceOf(BsonObjectId.class);
        assertExactly(reply.getDocument("value"), "{x: 1, y: 1}");
        assertThat(collection("fresh").find().first().get("_id")).isEqualTo(lastError.get("upserted"));
    }

    @Test
    void lastErrorObjectWhenNothingMatches() {
        scores();
        BsonDocument update = command("{findAndModify: 'scores', query: {_id: 99}, update: {$set: {a: 1}}}");
        assertExactly(update.getDocument("lastErrorObject"), "{n: 0, updatedExisting: false}");
        assertThat(update.get("value")).isEqualTo(BsonNull.VALUE);
        BsonDocument remove = command("{findAndModify: 'scores', query: {_id: 99}, remove: true}");
        assertExactly(remove.getDocument("lastErrorObject"), "{n: 0}");
        assertThat(remove.get("value")).isEqualTo(BsonNull.VALUE);

        BsonDocument missingUpdate = command("{findAndModify: 'missing', query: {}, update: {$set: {a: 1}}}");
        assertExactly(missingUpdate.getDocument("lastErrorObject"), "{n: 0, updatedExisting: false}");
        assertThat(missingUpdate.get("value")).isEqualTo(BsonNull.VALUE);
        BsonDocument missingRemove = command("{findAndModify: 'missing', query: {}, remove: true}");
        assertExactly(missingRemove.getDocument("lastErrorObject"), "{n: 0}");
        assertThat(db.listCollectionNames().into(new ArrayList<>())).containsExactly("scores");
    }

    @Test
    void lastErrorObjectOfARemove() {
        scores();
        BsonDocument reply = command(
                "{findAndModify: 'scores', query: {group: 'x'}, sort: {score: 1}, remove: true, fields: {score: 1}}");
        assertExactly(reply.getDocument("lastErrorObject"), "{n: 1}");
        assertExactly(reply.getDocument("value"), "{_id: 4, score: 3}");
        assertThat(collection("scores").countDocuments()).isEqualTo(3);
    }

    @Test
    void badCombinationsAreFailedToParse() {
        scores();
        assertThatThrownBy(() -> command("{findAndModify: 'scores', query: {}}"))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(9);
                    assertThat(e.getErrorMessage()).isEqualTo("Either an update or remove=true must be specified");
                });
        assertThatThrownBy(() -> command("{findAndModify: 'scores', query: {}, remove: true, update: {$set: {a: 1}}}"))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(9);
                    assertThat(e.getErrorMessage()).isEqualTo("Cannot specify both an update and remove=true");
                });
        assertThatThrownBy(() -> command("{findAndModify: 'scores', query: {}, remove: true, upsert: true}"))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(9);
                    // MongoDB 7.0's message ends with a space.
                    assertThat(e.getErrorMessage()).isEqualTo("Cannot specify both upsert=true and remove=true ");
                });
        assertThatThrownBy(() -> command("{findAndModify: 'scores', query: {}, remove: true, new: true}"))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(9);
                    assertThat(e.getErrorMessage())
                            .isEqualTo("Cannot specify both new=true and remove=true; 'remove' always returns the"
                                    + " deleted document");
                });
        assertThatThrownBy(() ->
                        command("{findAndModify: 'scores', query: {}, remove: true, arrayFilters: [{x: {$gt: 1}}]}"))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(9);
                    assertThat(e.getErrorMessage()).isEqualTo("Cannot specify arrayFilters and remove=true");
                });
        assertThat(collection("scores").countDocuments()).isEqualTo(4);
    }
}
