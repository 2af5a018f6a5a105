package io.wrongodb.driver;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import io.wrongodb.server.RunningNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * The planner as a model check: over random documents (ints, strings, nulls, arrays, missing fields) and random
 * filters of {@code $eq $gt $gte $lt $lte $in} on one or two fields, a find that reads through any plain index (by
 * hint, with or without a sort the index may provide) returns exactly the documents a {@code $natural} collection
 * scan returns, each once. Indexes are built over existing documents or maintained by later inserts. One node
 * serves every try.
 */
class PlannerModelPropertyTest {
    private static Path dataDir;
    private static RunningNode node;
    private static MongoClient client;
    private static final AtomicInteger COLLECTIONS = new AtomicInteger();

    private static final List<BsonDocument> INDEXES = List.of(
            BsonDocument.parse("{a: 1}"),
            BsonDocument.parse("{a: -1}"),
            BsonDocument.parse("{b: 1}"),
            BsonDocument.parse("{a: 1, b: 1}"),
            BsonDocument.parse("{a: -1, b: 1}"),
            BsonDocument.parse("{b: 1, a: -1}"));

    /** Indexes that hold some documents only: {key, options} where options are sparse or a partial filter. */
    private static final List<BsonDocument[]> SUBSET_INDEXES = List.of(
            new BsonDocument[] {BsonDocument.parse("{a: 1}"), BsonDocument.parse("{sparse: true}")},
            new BsonDocument[] {BsonDocument.parse("{a: 1, b: 1}"), BsonDocument.parse("{sparse: true}")},
            new BsonDocument[] {BsonDocument.parse("{a: 1}"), BsonDocument.parse("{partial: {a: {$gt: 0}}}")},
            new BsonDocument[] {BsonDocument.parse("{a: 1}"), BsonDocument.parse("{partial: {a: {$exists: true}}}")},
            new BsonDocument[] {BsonDocument.parse("{b: 1}"), BsonDocument.parse("{partial: {b: {$gte: 'a'}}}")},
            new BsonDocument[] {BsonDocument.parse("{a: 1}"), BsonDocument.parse("{partial: {b: {$lte: 1}}}")},
            new BsonDocument[] {BsonDocument.parse("{a: -1}"), BsonDocument.parse("{partial: {a: 1}}")},
            new BsonDocument[] {
                BsonDocument.parse("{b: 1}"), BsonDocument.parse("{partial: {$and: [{a: {$lt: 2}}, {b: {$gt: -2}}]}}")
            });

    private static final List<BsonDocument> SORTS = List.of(
            new BsonDocument(),
            BsonDocument.parse("{a: 1}"),
            BsonDocument.parse("{a: -1}"),
            BsonDocument.parse("{b: -1}"),
            BsonDocument.parse("{a: 1, b: 1}"));

    @BeforeContainer
    static void startNode() throws IOException {
        dataDir = Files.createTempDirectory("planner-model");
        node = RunningNode.primary(dataDir);
        client = node.directClient();
    }

    @AfterContainer
    static void stopNode() throws Exception {
        if (client != null) {
            client.close();
        }
        if (node != null) {
            node.close();
        }
        if (dataDir != null) {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Property(tries = 150)
    void anIndexReturnsWhatACollectionScanReturns(
            @ForAll("documents") List<BsonDocument> documents,
            @ForAll("filters") BsonDocument filter,
            @ForAll("indexSets") List<BsonDocument> indexes,
            @ForAll("sorts") BsonDocument sort,
            @ForAll boolean indexFirst) {
        MongoCollection<BsonDocument> c =
                client.getDatabase("model").getCollection("c" + COLLECTIONS.incrementAndGet(), BsonDocument.class);
        try {
            boolean compound = indexes.stream().anyMatch(i -> i.size() > 1);
            List<BsonDocument> stored = compound ? withoutParallelArrays(documents) : documents;
            if (indexFirst) {
                indexes.forEach(c::createIndex);
            }
            insert(c, stored);
            if (!indexFirst) {
                indexes.forEach(c::createIndex);
            }
            List<Integer> expected = ids(c.find(filter).hint(BsonDocument.parse("{$natural: 1}")));
            for (BsonDocument index : indexes) {
                List<Integer> hinted = ids(c.find(filter).sort(sort).hint(index));
                assertThat(hinted).as("hint %s", index.toJson()).isEqualTo(expected);
            }
            assertThat(ids(c.find(filter).sort(sort))).as("planned").isEqualTo(expected);
        } finally {
            c.drop();
        }
    }

    /**
     * An index holding some documents only is used without a hint only when the filter cannot match any other
     * document, so what the planner picks still returns exactly what a collection scan returns.
     */
    @Property(tries = 150)
    void aSparseOrPartialIndexNeverLosesAMatch(
            @ForAll("documents") List<BsonDocument> documents,
            @ForAll("filters") BsonDocument filter,
            @ForAll("subsetIndexes") BsonDocument[] index,
            @ForAll("sorts") BsonDocument sort) {
        MongoCollection<BsonDocument> c =
                client.getDatabase("model").getCollection("s" + COLLECTIONS.incrementAndGet(), BsonDocument.class);
        try {
            List<BsonDocument> stored = index[0].size() > 1 ? withoutParallelArrays(documents) : documents;
            insert(c, stored);
            IndexOptions options = new IndexOptions();
            if (index[1].containsKey("sparse")) {
                options.sparse(true);
            } else {
                options.partialFilterExpression(index[1].getDocument("partial"));
            }
            c.createIndex(index[0], options);
            List<Integer> expected = ids(c.find(filter).hint(BsonDocument.parse("{$natural: 1}")));
            assertThat(ids(c.find(filter).sort(sort))).as("planned").isEqualTo(expected);
        } finally {
            c.drop();
        }
    }

    @Provide
    Arbitrary<BsonDocument[]> subsetIndexes() {
        return Arbitraries.of(SUBSET_INDEXES);
    }

    private static void insert(MongoCollection<BsonDocument> c, List<BsonDocument> documents) {
        if (documents.isEmpty()) {
            c.insertOne(new BsonDocument("_id", new BsonInt32(-1)));
            return;
        }
        try {
            c.insertMany(documents);
        } catch (MongoWriteException e) {
            throw new AssertionError(e);
        }
    }

    /** The {@code _id}s, sorted: the same documents in any order, but a document returned twice shows. */
    private static List<Integer> ids(Iterable<BsonDocument> found) {
        List<Integer> ids = new ArrayList<>();
        found.forEach(d -> ids.add(d.getInt32("_id").getValue()));
        ids.sort(null);
        return ids;
    }

    /** A compound index cannot hold a document with arrays in both its fields: keep {@code b} scalar there. */
    private static List<BsonDocument> withoutParallelArrays(List<BsonDocument> documents) {
        List<BsonDocument> out = new ArrayList<>();
        for (BsonDocument d : documents) {
            BsonDocument copy = d.clone();
            BsonValue a = copy.get("a");
            BsonValue b = copy.get("b");
            if (a != null && a.isArray() && b != null && b.isArray()) {
                if (b.asArray().isEmpty()) {
                    copy.remove("b");
                } else {
                    copy.put("b", b.asArray().get(0));
                }
            }
            out.add(copy);
        }
        return out;
    }

    private static Arbitrary<BsonValue> scalars() {
        Arbitrary<BsonValue> ints = Arbitraries.integers().between(-2, 2).map(i -> new BsonInt32(i));
        Arbitrary<BsonValue> strings = Arbitraries.of("", "a", "b").map(s -> new BsonString(s));
        Arbitrary<BsonValue> nulls = Arbitraries.just(BsonNull.VALUE);
        return Arbitraries.oneOf(List.of(ints, ints, strings, nulls));
    }

    private static Arbitrary<BsonValue> rangeOperands() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(-2, 2).map(i -> (BsonValue) new BsonInt32(i)),
                Arbitraries.of("", "a", "b").map(s -> (BsonValue) new BsonString(s)));
    }

    /** A field's value, or null for a missing field. */
    private static Arbitrary<BsonValue> fieldValues() {
        Arbitrary<BsonValue> array = scalars().list().ofMaxSize(3).map(values -> (BsonValue) new BsonArray(values));
        Arbitrary<BsonValue> missing = Arbitraries.just(null);
        return Arbitraries.oneOf(List.of(missing, scalars(), scalars(), array));
    }

    @Provide
    Arbitrary<List<BsonDocument>> documents() {
        Arbitrary<BsonValue[]> fields =
                Combinators.combine(fieldValues(), fieldValues()).as((a, b) -> new BsonValue[] {a, b});
        return fields.list().ofMaxSize(25).map(list -> {
            List<BsonDocument> docs = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                BsonDocument d = new BsonDocument("_id", new BsonInt32(i));
                if (list.get(i)[0] != null) {
                    d.append("a", list.get(i)[0]);
                }
                if (list.get(i)[1] != null) {
                    d.append("b", list.get(i)[1]);
                }
                docs.add(d);
            }
            return docs;
        });
    }

    /** One condition: {@code {field: {op: value}}}. */
    private static Arbitrary<BsonDocument> conditions() {
        Arbitrary<String> field = Arbitraries.of("a", "b");
        Arbitrary<BsonDocument> equality = Combinators.combine(field, scalars(), Arbitraries.of(true, false))
                .as((f, v, bare) -> bare ? new BsonDocument(f, v) : new BsonDocument(f, new BsonDocument("$eq", v)));
        Arbitrary<BsonDocument> range = Combinators.combine(
                        field, Arbitraries.of("$gt", "$gte", "$lt", "$lte"), rangeOperands())
                .as((f, op, v) -> new BsonDocument(f, new BsonDocument(op, v)));
        Arbitrary<BsonDocument> in = Combinators.combine(field, scalars().list().ofMaxSize(4))
                .as((f, values) -> new BsonDocument(f, new BsonDocument("$in", new BsonArray(values))));
        return Arbitraries.oneOf(equality, range, in);
    }

    /**
     * One to three conditions, joined in an {@code $and} or an {@code $or} (which the planner may answer with a
     * union of index scans), or merged into one document (where two conditions on one
     * field become one operator document, the later operator winning when they repeat).
     */
    @Provide
    Arbitrary<BsonDocument> filters() {
        return Combinators.combine(
                        conditions().list().ofMinSize(1).ofMaxSize(3), Arbitraries.of("$and", "$or", "merged"))
                .as((list, join) -> {
                    if (!join.equals("merged")) {
                        return new BsonDocument(join, new BsonArray(new ArrayList<>(list)));
                    }
                    BsonDocument merged = new BsonDocument();
                    for (BsonDocument condition : list) {
                        String f = condition.getFirstKey();
                        BsonValue v = condition.get(f);
                        BsonValue existing = merged.get(f);
                        if (existing != null
                                && existing.isDocument()
                                && v.isDocument()
                                && v.asDocument().getFirstKey().startsWith("$")) {
                            existing.asDocument().putAll(v.asDocument());
                        } else {
                            merged.put(f, v instanceof BsonDocument doc ? doc.clone() : v);
                        }
                    }
                    return merged;
                });
    }

    @Provide
    Arbitrary<List<BsonDocument>> indexSets() {
        return Arbitraries.of(INDEXES).list().ofMinSize(1).ofMaxSize(2).uniqueElements();
    }

    @Provide
    Arbitrary<BsonDocument> sorts() {
        return Arbitraries.of(SORTS);
    }
}
