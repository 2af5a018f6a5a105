package io.wrongodb.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

/**
 * Secondary indexes through the driver: createIndex and createIndexes (names, directions, options, conflicts,
 * idempotence), listIndexes, dropIndex by name, key pattern and "*", unique indexes (DuplicateKey on insert,
 * update and build), multikey, sparse and partial indexes, and that an index answers as a collection scan does
 * and survives a restart, as MongoDB 7.0 does.
 */
class IndexTest extends DriverTestBase {

    private List<BsonDocument> indexes(String name) {
        return collection(name).listIndexes(BsonDocument.class).into(new ArrayList<>());
    }

    private static List<Integer> ids(List<BsonDocument> docs) {
        return docs.stream().map(d -> d.getInt32("_id").getValue()).toList();
    }

    @Test
    void createIndexReturnsDefaultNamesForSingleCompoundAndDescendingKeys() {
        var c = collection("c");
        assertThat(c.createIndex(Indexes.ascending("a"))).isEqualTo("a_1");
        assertThat(c.createIndex(Indexes.descending("b"))).isEqualTo("b_-1");
        assertThat(c.createIndex(doc("{x: 1, 'y.z': -1}"))).isEqualTo("x_1_y.z_-1");
        assertThat(c.createIndex(doc("{k: 1}"), new IndexOptions().name("byK"))).isEqualTo("byK");
        assertThat(indexes("c"))
                .containsExactly(
                        doc("{v: 2, key: {_id: 1}, name: '_id_'}"),
                        doc("{v: 2, key: {a: 1}, name: 'a_1'}"),
                        doc("{v: 2, key: {b: -1}, name: 'b_-1'}"),
                        doc("{v: 2, key: {x: 1, 'y.z': -1}, name: 'x_1_y.z_-1'}"),
                        doc("{v: 2, key: {k: 1}, name: 'byK'}"));
    }

    @Test
    void listIndexesShowsOptionsAfterVKeyAndName() {
        var c = collection("c");
        c.createIndex(doc("{u: 1}"), new IndexOptions().unique(true));
        c.createIndex(doc("{s: 1}"), new IndexOptions().sparse(true));
        c.createIndex(doc("{p: 1}"), new IndexOptions().partialFilterExpression(doc("{rating: {$gt: 5}}")));
        List<BsonDocument> listed = indexes("c");
        assertThat(listed)
                .containsExactly(
                        doc("{v: 2, key: {_id: 1}, name: '_id_'}"),
                        doc("{v: 2, key: {u: 1}, name: 'u_1', unique: true}"),
                        doc("{v: 2, key: {s: 1}, name: 's_1', sparse: true}"),
                        doc("{v: 2, key: {p: 1}, name: 'p_1', partialFilterExpression: {rating: {$gt: 5}}}"));
        assertThat(listed.get(1).keySet()).containsExactly("v", "key", "name", "unique");
        assertThat(listed.get(3).keySet()).containsExactly("v", "key", "name", "partialFilterExpression");
    }

    @Test
    void createIndexesRepliesWithCountsAndCreatesTheCollection() {
        BsonDocument reply = command("{createIndexes: 'fresh', indexes: [{key: {a: 1}, name: 'a_1'}]}");
        assertThat(reply.getInt32("numIndexesBefore").getValue()).isEqualTo(1);
        assertThat(reply.getInt32("numIndexesAfter").getValue()).isEqualTo(2);
        assertThat(reply.getBoolean("createdCollectionAutomatically").getValue())
                .isTrue();
        assertThat(reply.containsKey("note")).isFalse();
        assertThat(db.listCollectionNames().into(new ArrayList<>())).containsExactly("fresh");
    }

    @Test
    void createIndexesOfExistingIndexesIsANoOpWithANote() {
        collection("c").insertOne(doc("{_id: 1, a: 1}"));
        command("{createIndexes: 'c', indexes: [{key: {a: 1}, name: 'a_1'}]}");
        BsonDocument again = command("{createIndexes: 'c', indexes: [{key: {a: 1}, name: 'a_1'}]}");
        assertThat(again.getInt32("numIndexesBefore").getValue()).isEqualTo(2);
        assertThat(again.getInt32("numIndexesAfter").getValue()).isEqualTo(2);
        assertThat(again.getString("note").getValue()).isEqualTo("all indexes already exist");
        assertThat(again.containsKey("createdCollectionAutomatically")).isFalse();
        // the _id index is one of the indexes that already exist
        BsonDocument id = command("{createIndexes: 'c', indexes: [{key: {_id: 1}, name: '_id_'}]}");
        assertThat(id.getString("note").getValue()).isEqualTo("all indexes already exist");
        assertThat(indexes("c")).hasSize(2);
    }

    @Test
    void createIndexesWithSomeNewIndexesNotesThatAnIndexAlreadyExists() {
        collection("c").insertOne(doc("{_id: 1, a: 1}"));
        collection("c").createIndex(doc("{a: 1}"));
        BsonDocument reply =
                command("{createIndexes: 'c', indexes: [{key: {a: 1}, name: 'a_1'}, {key: {b: 1}, name: 'b_1'}]}");
        assertThat(reply.getInt32("numIndexesBefore").getValue()).isEqualTo(2);
        assertThat(reply.getInt32("numIndexesAfter").getValue()).isEqualTo(3);
        assertThat(reply.getString("note").getValue()).isEqualTo("index already exists");
        assertThat(reply.getBoolean("createdCollectionAutomatically").getValue())
                .isFalse();
    }

    @Test
    void sameKeyUnderAnotherNameIsIndexOptionsConflict() {
        var c = collection("c");
        c.createIndex(doc("{a: 1}"));
        assertThatThrownBy(() -> c.createIndex(doc("{a: 1}"), new IndexOptions().name("other")))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(85);
                    assertThat(e.getErrorCodeName()).isEqualTo("IndexOptionsConflict");
                    assertThat(e.getErrorMessage()).isEqualTo("Index already exists with a different name: a_1");
                });
    }

    @Test
    void sameNameForAnotherKeyIsIndexKeySpecsConflict() {
        var c = collection("c");
        c.createIndex(doc("{a: 1}"), new IndexOptions().name("idx"));
        assertThatThrownBy(() -> c.createIndex(doc("{b: -1}"), new IndexOptions().name("idx")))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(86);
                    assertThat(e.getErrorCodeName()).isEqualTo("IndexKeySpecsConflict");
                    assertThat(e.getErrorMessage())
                            .isEqualTo("An existing index has the same name as the requested index. When index"
                                    + " names are not specified, they are auto generated and can cause"
                                    + " conflicts. Please refer to our documentation. Requested index:"
                                    + " { v: 2, key: { b: -1 }, name: \"idx\" }, existing index:"
                                    + " { v: 2, key: { a: 1 }, name: \"idx\" }");
                });
    }

    @Test
    void sameNameAndKeyWithOtherUniquenessIsIndexKeySpecsConflict() {
        // unique and sparse are part of an index's identity since MongoDB 4.9
        var c = collection("c");
        c.createIndex(doc("{a: 1}"));
        assertThatThrownBy(() -> command("{createIndexes: 'c', indexes: [{key: {a: 1}, name: 'a_1', unique: true}]}"))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(86);
                    assertThat(e.getErrorCodeName()).isEqualTo("IndexKeySpecsConflict");
                });
        assertThat(indexes("c")).hasSize(2);
    }

    @Test
    void dropIndexByNameByKeyAndAll() {
        var c = collection("c");
        c.insertOne(doc("{_id: 1, a: 1, b: 1, d: 1}"));
        c.createIndex(doc("{a: 1}"));
        c.createIndex(doc("{b: -1}"));
        c.createIndex(doc("{d: 1}"));
        c.dropIndex("a_1");
        assertThat(indexes("c")).extracting(i -> i.getString("name").getValue()).containsExactly("_id_", "b_-1", "d_1");
        c.dropIndex(doc("{b: -1}"));
        assertThat(indexes("c")).extracting(i -> i.getString("name").getValue()).containsExactly("_id_", "d_1");
        c.createIndex(doc("{a: 1}"));
        BsonDocument reply = command("{dropIndexes: 'c', index: '*'}");
        assertThat(reply.getInt32("nIndexesWas").getValue()).isEqualTo(3);
        assertThat(indexes("c")).extracting(i -> i.getString("name").getValue()).containsExactly("_id_");
        assertThat(c.find().into(new ArrayList<>())).containsExactly(doc("{_id: 1, a: 1, b: 1, d: 1}"));
    }

    @Test
    void dropIndexesOfAListOfNames() {
        var c = collection("c");
        c.createIndex(doc("{a: 1}"));
        c.createIndex(doc("{b: 1}"));
        c.createIndex(doc("{d: 1}"));
        BsonDocument reply = command("{dropIndexes: 'c', index: ['a_1', 'd_1']}");
        assertThat(reply.getInt32("nIndexesWas").getValue()).isEqualTo(4);
        assertThat(indexes("c")).extracting(i -> i.getString("name").getValue()).containsExactly("_id_", "b_1");
    }

    @Test
    void droppingTheIdIndexIsRefused() {
        var c = collection("c");
        c.insertOne(doc("{_id: 1}"));
        assertThatThrownBy(() -> c.dropIndex("_id_")).isInstanceOfSatisfying(MongoCommandException.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo(72);
            assertThat(e.getErrorCodeName()).isEqualTo("InvalidOptions");
            assertThat(e.getErrorMessage()).isEqualTo("cannot drop _id index");
        });
        assertThatThrownBy(() -> c.dropIndex(doc("{_id: 1}")))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> assertThat(e.getErrorCode())
                        .isEqualTo(72));
        assertThat(indexes("c")).hasSize(1);
    }

    @Test
    void droppingAMissingIndexIsIndexNotFound() {
        var c = collection("c");
        c.createIndex(doc("{a: 1}"));
        assertThatThrownBy(() -> c.dropIndex("nope")).isInstanceOfSatisfying(MongoCommandException.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo(27);
            assertThat(e.getErrorCodeName()).isEqualTo("IndexNotFound");
            assertThat(e.getErrorMessage()).isEqualTo("index not found with name [nope]");
        });
        assertThatThrownBy(() -> c.dropIndex(doc("{a: -1}"))).isInstanceOfSatisfying(MongoCommandException.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo(27);
            assertThat(e.getErrorMessage()).isEqualTo("can't find index with key: { a: -1 }");
        });
        assertThat(indexes("c")).hasSize(2);
    }

    @Test
    void uniqueIndexRefusesADuplicateInsertWithKeyPatternAndKeyValue() {
        var c = collection("c");
        c.createIndex(doc("{a: 1}"), new IndexOptions().unique(true));
        c.insertOne(doc("{_id: 1, a: 1}"));
        assertThatThrownBy(() -> c.insertOne(doc("{_id: 2, a: 1}")))
                .isInstanceOfSatisfying(MongoWriteException.class, e -> {
                    assertThat(e.getError().getCode()).isEqualTo(11000);
                    assertThat(e.getError().getMessage())
                            .isEqualTo("E11000 duplicate key error collection: test.c index: a_1 dup key: { a: 1 }");
                });
        BsonDocument reply = command("{insert: 'c', documents: [{_id: 3, a: 1}]}");
        assertThat(reply.getInt32("n").getValue()).isZero();
        BsonDocument error = reply.getArray("writeErrors").get(0).asDocument();
        assertThat(error.getInt32("index").getValue()).isZero();
        assertThat(error.getInt32("code").getValue()).isEqualTo(11000);
        assertThat(error.getDocument("keyPattern")).isEqualTo(doc("{a: 1}"));
        assertThat(error.getDocument("keyValue")).isEqualTo(doc("{a: 1}"));
        assertThat(c.find().into(new ArrayList<>())).containsExactly(doc("{_id: 1, a: 1}"));
    }

    @Test
    void uniqueCompoundIndexTreatsMissingFieldsAsNull() {
        var c = collection("c");
        c.createIndex(doc("{a: 1, b: -1}"), new IndexOptions().unique(true));
        c.insertOne(doc("{_id: 1, a: 1, b: 1}"));
        c.insertOne(doc("{_id: 2, a: 1, b: 2}"));
        c.insertOne(doc("{_id: 3, a: 1}"));
        BsonDocument reply = command("{insert: 'c', documents: [{_id: 4, a: 1, b: null}]}");
        BsonDocument error = reply.getArray("writeErrors").get(0).asDocument();
        assertThat(error.getInt32("code").getValue()).isEqualTo(11000);
        assertThat(error.getDocument("keyPattern")).isEqualTo(doc("{a: 1, b: -1}"));
        assertThat(error.getDocument("keyValue")).isEqualTo(doc("{a: 1, b: null}"));
        assertThat(error.getString("errmsg").getValue())
                .isEqualTo("E11000 duplicate key error collection: test.c index: a_1_b_-1 dup key: { a: 1, b: null }");
    }

    @Test
    void uniqueIndexRefusesAnUpdateThatMakesADuplicate() {
        var c = collection("c");
        c.createIndex(doc("{a: 1}"), new IndexOptions().unique(true));
        c.insertOne(doc("{_id: 1, a: 'x'}"));
        c.insertOne(doc("{_id: 2, a: 'y'}"));
        assertThatThrownBy(() -> c.updateOne(doc("{_id: 2}"), Updates.set("a", "x")))
                .isInstanceOfSatisfying(
                        MongoWriteException.class,
                        e -> assertThat(e.getError().getCode()).isEqualTo(11000));
        BsonDocument reply = command("{update: 'c', updates: [{q: {_id: 2}, u: {$set: {a: 'x'}}}]}");
        assertThat(reply.getInt32("n").getValue()).isZero();
        assertThat(reply.getInt32("nModified").getValue()).isZero();
        BsonDocument error = reply.getArray("writeErrors").get(0).asDocument();
        assertThat(error.getInt32("code").getValue()).isEqualTo(11000);
        assertThat(error.getDocument("keyPattern")).isEqualTo(doc("{a: 1}"));
        assertThat(error.getDocument("keyValue")).isEqualTo(doc("{a: 'x'}"));
        assertThat(error.getString("errmsg").getValue())
                .isEqualTo("E11000 duplicate key error collection: test.c index: a_1 dup key: { a: \"x\" }");
        assertThat(c.find(doc("{_id: 2}")).first()).isEqualTo(doc("{_id: 2, a: 'y'}"));
        // moving a value out of the way frees it
        c.updateOne(doc("{_id: 1}"), Updates.set("a", "z"));
        c.updateOne(doc("{_id: 2}"), Updates.set("a", "x"));
        assertThat(c.find().sort(Sorts.ascending("_id")).into(new ArrayList<>()))
                .containsExactly(doc("{_id: 1, a: 'z'}"), doc("{_id: 2, a: 'x'}"));
    }

    @Test
    void buildingAUniqueIndexOverDuplicatesFailsAndLeavesNoIndex() {
        var c = collection("c");
        c.insertOne(doc("{_id: 1, a: 1}"));
        c.insertOne(doc("{_id: 2, a: 2}"));
        c.insertOne(doc("{_id: 3, a: 1}"));
        assertThatThrownBy(() -> command("{createIndexes: 'c', indexes: [{key: {a: 1}, name: 'a_1', unique: true}]}"))
                .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(11000);
                    assertThat(e.getErrorCodeName()).isEqualTo("DuplicateKey");
                    assertThat(e.getErrorMessage())
                            .startsWith("Index build failed: ")
                            .endsWith(" :: caused by :: E11000 duplicate key error collection: test.c"
                                    + " index: a_1 dup key: { a: 1 }");
                    assertThat(e.getResponse().getDocument("keyPattern")).isEqualTo(doc("{a: 1}"));
                    assertThat(e.getResponse().getDocument("keyValue")).isEqualTo(doc("{a: 1}"));
                });
        assertThat(indexes("c")).extracting(i -> i.getString("name").getValue()).containsExactly("_id_");
        // nothing of the failed build is left behind: the same name can be built as a plain index
        assertThat(c.createIndex(doc("{a: 1}"))).isEqualTo("a_1");
        assertThat(ids(c.find(doc("{a: 1}")).into(new ArrayList<>()))).containsExactly(1, 3);
    }

    @Test
    void uniquePartialIndexOnlyConstrainsDocumentsItCovers() {
        // the example of MongoDB's documentation on partial indexes with a unique constraint
        var users = collection("users");
        users.createIndex(
                doc("{username: 1}"),
                new IndexOptions().unique(true).partialFilterExpression(doc("{age: {$gte: 21}}")));
        users.insertMany(List.of(
                doc("{username: 'david', age: 29}"),
                doc("{username: 'amanda', age: 35}"),
                doc("{username: 'rajiv', age: 57}")));
        assertThatThrownBy(() -> users.insertOne(doc("{username: 'david', age: 27}")))
                .isInstanceOfSatisfying(
                        MongoWriteException.class,
                        e -> assertThat(e.getError().getCode()).isEqualTo(11000));
        users.insertOne(doc("{username: 'david', age: 20}"));
        users.insertOne(doc("{username: 'amanda'}"));
        users.insertOne(doc("{username: 'rajiv', age: null}"));
        assertThat(users.countDocuments()).isEqualTo(6);
    }

    @Test
    void multikeyIndexFindsADocumentOncePerQuery() {
        var c = collection("c");
        c.createIndex(doc("{tags: 1}"));
        c.insertOne(doc("{_id: 1, tags: ['a', 'b', 'a']}"));
        c.insertOne(doc("{_id: 2, tags: ['b', 'c']}"));
        c.insertOne(doc("{_id: 3, tags: 'a'}"));
        c.insertOne(doc("{_id: 4, tags: []}"));
        c.insertOne(doc("{_id: 5}"));
        assertThat(ids(c.find(doc("{tags: 'a'}")).into(new ArrayList<>()))).containsExactlyInAnyOrder(1, 3);
        assertThat(ids(c.find(doc("{tags: {$in: ['a', 'b']}}")).into(new ArrayList<>())))
                .containsExactlyInAnyOrder(1, 2, 3);
        assertThat(ids(c.find(doc("{tags: {$gte: 'a'}}")).into(new ArrayList<>())))
                .containsExactlyInAnyOrder(1, 2, 3);
        assertThat(ids(c.find(doc("{tags: {$gt: 'a', $lt: 'c'}}")).into(new ArrayList<>())))
                .containsExactlyInAnyOrder(1, 2);
        // a document whose array holds values on both sides of a range matches it, element by element
        c.insertOne(doc("{_id: 6, tags: ['0', 'z']}"));
        assertThat(ids(c.find(doc("{tags: {$gt: 'b', $lt: 'c'}}")).into(new ArrayList<>())))
                .containsExactlyInAnyOrder(2, 6);
        // each condition may match another element: two $in lists on one field are not intersected
        assertThat(ids(c.find(doc("{$and: [{tags: {$in: ['a', 'z']}}, {tags: {$in: ['b', 'z']}}]}"))
                        .into(new ArrayList<>())))
                .containsExactlyInAnyOrder(1, 6);
        assertThat(ids(c.find(doc("{tags: []}")).into(new ArrayList<>()))).containsExactly(4);
        assertThat(ids(c.find(doc("{tags: ['b', 'c']}")).into(new ArrayList<>())))
                .containsExactly(2);
        assertThat(ids(c.find(doc("{tags: null}")).into(new ArrayList<>()))).containsExactly(5);
        BsonDocument index = indexes("c").get(1);
        assertThat(index).isEqualTo(doc("{v: 2, key: {tags: 1}, name: 'tags_1'}"));
    }

    @Test
    void multikeyIndexBuiltOverExistingArrays() {
        var c = collection("c");
        c.insertOne(doc("{_id: 1, a: [1, 2, 3]}"));
        c.insertOne(doc("{_id: 2, a: [3, 4]}"));
        c.createIndex(doc("{a: 1}"));
        assertThat(ids(c.find(doc("{a: 3}")).into(new ArrayList<>()))).containsExactlyInAnyOrder(1, 2);
        // 3 > 2 and 1 < 2 in the first; nothing below 2 in the second
        assertThat(ids(c.find(doc("{a: {$gt: 2, $lt: 2}}")).into(new ArrayList<>())))
                .containsExactly(1);
    }

    @Test
    void compoundIndexOnTwoArraysIsRefused() {
        var c = collection("c");
        c.createIndex(doc("{a: 1, b: 1}"));
        c.insertOne(doc("{_id: 1, a: [1, 2], b: 1}"));
        assertThatThrownBy(() -> c.insertOne(doc("{_id: 2, a: [1, 2], b: [3, 4]}")))
                .isInstanceOfSatisfying(MongoWriteException.class, e -> {
                    assertThat(e.getError().getCode()).isEqualTo(171);
                    assertThat(e.getError().getMessage()).isEqualTo("cannot index parallel arrays [b] [a]");
                });
    }

    @Test
    void sparseIndexSkipsDocumentsWithoutTheField() {
        // the example of MongoDB's documentation: a hinted sparse index cannot return complete results
        var scores = collection("scores");
        scores.insertMany(List.of(
                doc("{_id: 1, userid: 'newbie'}"),
                doc("{_id: 2, userid: 'abby', score: 82}"),
                doc("{_id: 3, userid: 'nina', score: 90}")));
        scores.createIndex(doc("{score: 1}"), new IndexOptions().sparse(true));
        assertThat(ids(scores.find()
                        .sort(Sorts.descending("score"))
                        .hint(doc("{score: 1}"))
                        .into(new ArrayList<>())))
                .containsExactly(3, 2);
        // unhinted, the sparse index is not used to answer a query it would answer incompletely
        assertThat(ids(scores.find().sort(Sorts.descending("score")).into(new ArrayList<>())))
                .containsExactly(3, 2, 1);
        assertThat(ids(scores.find(doc("{score: null}")).into(new ArrayList<>())))
                .containsExactly(1);
        // an explicit null is a value, so the sparse index holds it
        scores.insertOne(doc("{_id: 4, score: null}"));
        assertThat(ids(scores.find().hintString("score_1").into(new ArrayList<>())))
                .containsExactly(4, 2, 3);
    }

    @Test
    void partialIndexHoldsOnlyDocumentsMatchingItsFilter() {
        var restaurants = collection("restaurants");
        restaurants.insertMany(List.of(
                doc("{_id: 1, cuisine: 'Italian', name: 'a', rating: 9}"),
                doc("{_id: 2, cuisine: 'Italian', name: 'b', rating: 3}"),
                doc("{_id: 3, cuisine: 'Thai', name: 'c', rating: 7}"),
                doc("{_id: 4, cuisine: 'Italian', name: 'd'}")));
        restaurants.createIndex(
                doc("{cuisine: 1, name: 1}"), new IndexOptions().partialFilterExpression(doc("{rating: {$gt: 5}}")));
        restaurants.insertOne(doc("{_id: 5, cuisine: 'Italian', name: 'e', rating: 6}"));
        restaurants.insertOne(doc("{_id: 6, cuisine: 'Italian', name: 'f', rating: 1}"));
        assertThat(ids(restaurants
                        .find(doc("{cuisine: 'Italian', rating: {$gte: 8}}"))
                        .into(new ArrayList<>())))
                .containsExactly(1);
        // unhinted, a query the partial index cannot answer completely reads every document
        assertThat(ids(restaurants.find(doc("{cuisine: 'Italian'}")).into(new ArrayList<>())))
                .containsExactlyInAnyOrder(1, 2, 4, 5, 6);
        // hinted, the index holds only what its filter matched: on insert and when it was built
        assertThat(ids(restaurants.find().hintString("cuisine_1_name_1").into(new ArrayList<>())))
                .containsExactly(1, 5, 3);
        // an update that moves a document out of the filter removes it from the index
        restaurants.updateOne(doc("{_id: 5}"), Updates.set("rating", 2));
        restaurants.updateOne(doc("{_id: 2}"), Updates.set("rating", 10));
        assertThat(ids(restaurants.find().hintString("cuisine_1_name_1").into(new ArrayList<>())))
                .containsExactly(1, 2, 3);
    }

    @Test
    void indexBuiltOverExistingDataAnswersAsACollectionScan() {
        var c = collection("c");
        List<BsonDocument> docs = new ArrayList<>();
        String[] words = {"x", "y", "z"};
        for (int i = 0; i < 300; i++) {
            BsonDocument d = new BsonDocument("_id", new BsonInt32(i));
            if (i % 7 != 0) {
                d.append("a", new BsonInt32((i * 37) % 50));
            }
            if (i % 11 == 0) {
                d.put("a", new BsonArray(List.of(new BsonInt32(i % 50), new BsonInt32(i % 13))));
            }
            d.append("b", new BsonString(words[i % 3]));
            docs.add(d);
        }
        c.insertMany(docs);
        c.createIndex(doc("{a: 1}"));
        c.createIndex(doc("{b: 1, a: -1}"));
        List<String> filters = List.of(
                "{a: 10}",
                "{a: {$gt: 20, $lte: 30}}",
                "{a: {$in: [1, 2, 3, 49]}}",
                "{a: null}",
                "{a: {$lt: 5}}",
                "{b: 'y', a: {$gte: 40}}",
                "{b: {$in: ['x', 'z']}, a: 7}",
                "{b: 'z'}");
        for (String filter : filters) {
            List<BsonDocument> scanned =
                    c.find(doc(filter)).hint(doc("{$natural: 1}")).into(new ArrayList<>());
            List<BsonDocument> planned =
                    c.find(doc(filter)).sort(Sorts.ascending("_id")).into(new ArrayList<>());
            assertThat(planned).as(filter).isEqualTo(scanned).isNotEmpty();
        }
        // one of them checked against the data itself
        List<Integer> tens = new ArrayList<>();
        for (BsonDocument d : docs) {
            BsonValue a = d.get("a");
            boolean ten =
                    a != null && (a.isArray() ? a.asArray().contains(new BsonInt32(10)) : a.equals(new BsonInt32(10)));
            if (ten) {
                tens.add(d.getInt32("_id").getValue());
            }
        }
        assertThat(ids(c.find(doc("{a: 10}")).sort(Sorts.ascending("_id")).into(new ArrayList<>())))
                .isEqualTo(tens);
    }

    @Test
    void indexesSurviveARestart() throws Exception {
        var c = collection("c");
        c.createIndex(doc("{a: 1}"), new IndexOptions().unique(true));
        c.createIndex(doc("{b: -1, a: 1}"), new IndexOptions().name("ba"));
        c.insertOne(doc("{_id: 1, a: 1, b: [1, 2]}"));
        c.insertOne(doc("{_id: 2, a: 2, b: 2}"));
        restart();
        var after = collection("c");
        assertThat(indexes("c"))
                .containsExactly(
                        doc("{v: 2, key: {_id: 1}, name: '_id_'}"),
                        doc("{v: 2, key: {a: 1}, name: 'a_1', unique: true}"),
                        doc("{v: 2, key: {b: -1, a: 1}, name: 'ba'}"));
        assertThatThrownBy(() -> after.insertOne(doc("{_id: 3, a: 2}")))
                .isInstanceOfSatisfying(
                        MongoWriteException.class,
                        e -> assertThat(e.getError().getCode()).isEqualTo(11000));
        assertThat(ids(after.find(doc("{b: 2}")).hintString("ba").into(new ArrayList<>())))
                .containsExactlyInAnyOrder(1, 2);
        BsonDocument plan = after.find(doc("{a: 2}"))
                .explain(BsonDocument.class)
                .getDocument("queryPlanner")
                .getDocument("winningPlan");
        assertThat(plan.getDocument("inputStage").getString("indexName").getValue())
                .isEqualTo("a_1");
    }
}
