package io.wrongodb.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wrongodb.error.MongoServerException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

/**
 * The stages that need no collection — {@code $replaceRoot $replaceWith $sortByCount $sample $bucket $facet $unwind
 * $documents} — and where stages may stand, run in memory as MongoDB 7.0 runs them.
 */
class PipelineStagesTest {
    static BsonDocument doc(String json) {
        return BsonDocument.parse(json);
    }

    static List<BsonDocument> docs(String... json) {
        List<BsonDocument> out = new ArrayList<>();
        for (String d : json) {
            out.add(doc(d));
        }
        return out;
    }

    static List<BsonValue> stages(String json) {
        return BsonArray.parse(json).getValues();
    }

    static List<BsonDocument> run(String pipeline, List<BsonDocument> input) {
        return Pipeline.parse(stages(pipeline)).run(input);
    }

    static MongoServerException failure(String pipeline, List<BsonDocument> input) {
        return catchThrowableOfType(() -> run(pipeline, input), MongoServerException.class);
    }

    static final List<BsonDocument> PEOPLE = docs(
            "{_id: 1, name: {first: 'Ann', last: 'Lee'}, city: 'Oslo', age: 31, tags: ['a', 'b']}",
            "{_id: 2, name: {first: 'Bo', last: 'Ng'}, city: 'Rome', age: 45, tags: []}",
            "{_id: 3, name: {first: 'Cy', last: 'Li'}, city: 'Oslo', age: 67}",
            "{_id: 4, name: 'none', city: 'Oslo', age: 12, tags: null}");

    @Test
    void replaceRootAndReplaceWithPromoteADocument() {
        assertThat(run("[{$match: {_id: {$lt: 3}}}, {$replaceRoot: {newRoot: '$name'}}]", PEOPLE))
                .containsExactly(doc("{first: 'Ann', last: 'Lee'}"), doc("{first: 'Bo', last: 'Ng'}"));
        assertThat(run("[{$match: {_id: 1}}, {$replaceWith: {n: '$name.first', c: '$city'}}]", PEOPLE))
                .containsExactly(doc("{n: 'Ann', c: 'Oslo'}"));
    }

    @Test
    void replaceRootOfANonDocumentIs40228() {
        MongoServerException e = failure("[{$replaceRoot: {newRoot: '$name'}}]", PEOPLE);
        assertThat(e.code()).isEqualTo(40228);
        assertThat(e.getMessage())
                .startsWith("'newRoot' expression must evaluate to an object, but resulting value was: \"none\"."
                        + " Type of resulting value: 'string'.");
        assertThat(failure("[{$replaceWith: '$missing'}]", PEOPLE).getMessage())
                .contains("'replacement document' must evaluate to an object")
                .contains("'missing'");
        assertThat(failure("[{$replaceRoot: {}}]", PEOPLE).code()).isEqualTo(40414);
        assertThat(failure("[{$replaceRoot: {newRoot: '$a', x: 1}}]", PEOPLE).code())
                .isEqualTo(40415);
    }

    @Test
    void sortByCountGroupsAndSortsByCountDescending() {
        assertThat(run("[{$sortByCount: '$city'}]", PEOPLE))
                .containsExactly(doc("{_id: 'Oslo', count: 3}"), doc("{_id: 'Rome', count: 1}"));
        assertThat(run("[{$sortByCount: {$gt: ['$age', 40]}}]", PEOPLE))
                .containsExactly(doc("{_id: false, count: 2}"), doc("{_id: true, count: 2}"));
        assertThat(failure("[{$sortByCount: 'city'}]", PEOPLE).code()).isEqualTo(40148);
        assertThat(failure("[{$sortByCount: {a: 1}}]", PEOPLE).code()).isEqualTo(40147);
        assertThat(failure("[{$sortByCount: 1}]", PEOPLE).code()).isEqualTo(40149);
    }

    @Test
    void sampleTakesDistinctDocumentsOfTheInput() {
        List<BsonDocument> sample = run("[{$sample: {size: 3}}]", PEOPLE);
        assertThat(sample).hasSize(3);
        assertThat(new HashSet<>(sample)).hasSize(3);
        assertThat(PEOPLE).containsAll(sample);
        assertThat(run("[{$sample: {size: 10}}]", PEOPLE)).containsExactlyInAnyOrderElementsOf(PEOPLE);
        assertThat(run("[{$sample: {size: 0}}]", PEOPLE)).isEmpty();
        assertThat(failure("[{$sample: 3}]", PEOPLE).code()).isEqualTo(28745);
        assertThat(failure("[{$sample: {size: 'x'}}]", PEOPLE).code()).isEqualTo(28746);
        assertThat(failure("[{$sample: {size: -1}}]", PEOPLE).code()).isEqualTo(28747);
        assertThat(failure("[{$sample: {size: 1, n: 1}}]", PEOPLE).code()).isEqualTo(28748);
        assertThat(failure("[{$sample: {}}]", PEOPLE).code()).isEqualTo(28749);
    }

    @Test
    void bucketGroupsByBoundariesSortedWithDefault() {
        assertThat(run("[{$bucket: {groupBy: '$age', boundaries: [0, 18, 65], default: 'old'}}]", PEOPLE))
                .containsExactly(doc("{_id: 0, count: 1}"), doc("{_id: 18, count: 2}"), doc("{_id: 'old', count: 1}"));
        assertThat(run(
                        "[{$bucket: {groupBy: '$age', boundaries: [10, 40, 70],"
                                + " output: {ids: {$push: '$_id'}, avg: {$avg: '$age'}}}}]",
                        PEOPLE))
                .containsExactly(doc("{_id: 10, ids: [1, 4], avg: 21.5}"), doc("{_id: 40, ids: [2, 3], avg: 56.0}"));
    }

    @Test
    void bucketRefusesBadSpecificationsAndValuesOutsideWithoutDefault() {
        MongoServerException outside = failure("[{$bucket: {groupBy: '$age', boundaries: [0, 50]}}]", PEOPLE);
        assertThat(outside.code()).isEqualTo(40066);
        assertThat(outside.getMessage())
                .isEqualTo("$switch could not find a matching branch for an input, and no default was specified.");
        assertThat(failure("[{$bucket: {groupBy: '$age', boundaries: [0]}}]", PEOPLE)
                        .code())
                .isEqualTo(40192);
        assertThat(failure("[{$bucket: {groupBy: '$age', boundaries: [0, 'a']}}]", PEOPLE)
                        .code())
                .isEqualTo(40193);
        assertThat(failure("[{$bucket: {groupBy: '$age', boundaries: [5, 1]}}]", PEOPLE)
                        .code())
                .isEqualTo(40194);
        assertThat(failure("[{$bucket: {groupBy: '$age', boundaries: [0, 10], default: 5}}]", PEOPLE)
                        .code())
                .isEqualTo(40199);
        assertThat(failure("[{$bucket: {groupBy: 'age', boundaries: [0, 10]}}]", PEOPLE)
                        .code())
                .isEqualTo(40202);
        assertThat(failure("[{$bucket: {boundaries: [0, 10]}}]", PEOPLE).code()).isEqualTo(40198);
        assertThat(failure("[{$bucket: {groupBy: '$a', boundaries: [0, 10], x: 1}}]", PEOPLE)
                        .code())
                .isEqualTo(40197);
        assertThat(failure("[{$bucket: 1}]", PEOPLE).code()).isEqualTo(40201);
    }

    @Test
    void bucketAutoCutsSortedValuesIntoEvenBuckets() {
        List<BsonDocument> artwork = docs(
                "{_id: 1, price: 199.99}",
                "{_id: 2, price: 280.00}",
                "{_id: 3, price: 76.04}",
                "{_id: 4, price: 167.30}",
                "{_id: 5, price: 483.00}",
                "{_id: 6, price: 385.00}",
                "{_id: 7, price: 159.00}",
                "{_id: 8, price: 118.42}");
        assertThat(run("[{$bucketAuto: {groupBy: '$price', buckets: 4}}]", artwork))
                .containsExactly(
                        doc("{_id: {min: 76.04, max: 159.0}, count: 2}"),
                        doc("{_id: {min: 159.0, max: 199.99}, count: 2}"),
                        doc("{_id: {min: 199.99, max: 385.0}, count: 2}"),
                        doc("{_id: {min: 385.0, max: 483.0}, count: 2}"));
        assertThat(run("[{$bucketAuto: {groupBy: '$price', buckets: 20, output: {ids: {$push: '$_id'}}}}]", artwork))
                .hasSize(8)
                .first()
                .isEqualTo(doc("{_id: {min: 76.04, max: 118.42}, ids: [3]}"));
    }

    @Test
    void bucketAutoKeepsEqualValuesInOneBucket() {
        List<BsonDocument> input = docs("{v: 1}", "{v: 1}", "{v: 1}", "{v: 1}", "{v: 2}", "{v: 3}", "{}");
        // 7 documents in 3 buckets: 2 each, but the second 1 pulls in the other 1s, and the rest fits in one more
        assertThat(run("[{$bucketAuto: {groupBy: '$v', buckets: 3, output: {}}}]", input))
                .containsExactly(doc("{_id: {min: null, max: 2}, count: 5}"), doc("{_id: {min: 2, max: 3}, count: 2}"));
        assertThat(run("[{$bucketAuto: {groupBy: '$v', buckets: 5}}]", input))
                .containsExactly(
                        doc("{_id: {min: null, max: 1}, count: 1}"),
                        doc("{_id: {min: 1, max: 2}, count: 4}"),
                        doc("{_id: {min: 2, max: 3}, count: 1}"),
                        doc("{_id: {min: 3, max: 3}, count: 1}"));
        assertThat(run("[{$bucketAuto: {groupBy: '$v', buckets: 2}}]", List.of()))
                .isEmpty();
        assertThat(failure("[{$bucketAuto: {groupBy: '$v', buckets: 0}}]", input)
                        .code())
                .isEqualTo(40243);
        assertThat(failure("[{$bucketAuto: {groupBy: '$v', buckets: 1.5}}]", input)
                        .code())
                .isEqualTo(40242);
        assertThat(failure("[{$bucketAuto: {groupBy: '$v', buckets: 'x'}}]", input)
                        .code())
                .isEqualTo(40241);
        assertThat(failure("[{$bucketAuto: {groupBy: 'v', buckets: 2}}]", input).code())
                .isEqualTo(40239);
        assertThat(failure("[{$bucketAuto: {groupBy: '$v'}}]", input).code()).isEqualTo(40246);
        assertThat(failure("[{$bucketAuto: {groupBy: '$v', buckets: 2, x: 1}}]", input)
                        .getMessage())
                .isEqualTo("Unrecognized option to $bucketAuto: x");
        assertThat(failure("[{$bucketAuto: 1}]", input).code()).isEqualTo(40240);
    }

    @Test
    void facetRunsEachSubPipelineOverTheSameInput() {
        List<BsonDocument> out = run(
                "[{$match: {city: 'Oslo'}}, {$facet: {n: [{$count: 'n'}], old: [{$match: {age: {$gt: 30}}},"
                        + " {$project: {_id: 1}}], byCity: [{$sortByCount: '$city'}]}}]",
                PEOPLE);
        assertThat(out)
                .containsExactly(doc("{n: [{n: 3}], old: [{_id: 1}, {_id: 3}], byCity: [{_id: 'Oslo', count: 3}]}"));
    }

    @Test
    void facetRefusesWritingSourceAndNestedStages() {
        for (String stage :
                List.of("{$out: 'x'}", "{$merge: 'x'}", "{$facet: {a: [{$limit: 1}]}}", "{$collStats: {}}")) {
            MongoServerException e = failure("[{$facet: {a: [" + stage + "]}}]", PEOPLE);
            assertThat(e.code()).as(stage).isEqualTo(40600);
            assertThat(e.getMessage()).endsWith("is not allowed to be used within a $facet stage");
        }
        assertThat(failure("[{$facet: {}}]", PEOPLE).code()).isEqualTo(40169);
        assertThat(failure("[{$facet: {a: 1}}]", PEOPLE).code()).isEqualTo(40170);
        assertThat(failure("[{$facet: 1}]", PEOPLE).code()).isEqualTo(15947);
        assertThat(failure("[{$facet: {a: []}}]", PEOPLE).code()).isEqualTo(2);
    }

    @Test
    void unwindOnADottedPathWithIndexAndPreserve() {
        List<BsonDocument> input = docs(
                "{_id: 1, o: {items: ['x', 'y']}}",
                "{_id: 2, o: {items: []}}",
                "{_id: 3, o: {}}",
                "{_id: 4, o: {items: 'z'}}",
                "{_id: 5, o: {items: null}}");
        assertThat(run("[{$unwind: '$o.items'}]", input))
                .containsExactly(
                        doc("{_id: 1, o: {items: 'x'}}"),
                        doc("{_id: 1, o: {items: 'y'}}"),
                        doc("{_id: 4, o: {items: 'z'}}"));
        assertThat(run(
                        "[{$unwind: {path: '$o.items', includeArrayIndex: 'o.i', preserveNullAndEmptyArrays: true}}]",
                        input))
                .containsExactly(
                        doc("{_id: 1, o: {items: 'x', i: NumberLong(0)}}"),
                        doc("{_id: 1, o: {items: 'y', i: NumberLong(1)}}"),
                        doc("{_id: 2, o: {i: null}}"),
                        doc("{_id: 3, o: {i: null}}"),
                        doc("{_id: 4, o: {items: 'z', i: null}}"),
                        doc("{_id: 5, o: {items: null, i: null}}"));
        assertThat(failure("[{$unwind: {path: '$a', includeArrayIndex: '$i'}}]", input)
                        .code())
                .isEqualTo(28822);
        assertThat(failure("[{$unwind: {path: '$a', other: 1}}]", input).code()).isEqualTo(28811);
        assertThat(failure("[{$unwind: {includeArrayIndex: 'i'}}]", input).code())
                .isEqualTo(28812);
        assertThat(failure("[{$unwind: {path: '$a', preserveNullAndEmptyArrays: 1}}]", input)
                        .code())
                .isEqualTo(28809);
    }

    @Test
    void unwindDoesNotGoThroughAnArrayOnTheWay() {
        assertThat(run("[{$unwind: '$a.b'}]", docs("{_id: 1, a: [{b: [1, 2]}]}")))
                .isEmpty();
    }

    @Test
    void documentsMakesTheInputAndMustComeFirst() {
        assertThat(run("[{$documents: [{a: 1}, {a: {$add: [1, 1]}}]}, {$match: {a: 2}}]", List.of()))
                .containsExactly(doc("{a: 2}"));
        assertThat(Pipeline.parse(stages("[{$documents: []}]")).readsCollection())
                .isFalse();
        assertThat(failure("[{$documents: [1]}]", List.of()).code()).isEqualTo(40228);
        assertThat(failure("[{$documents: 1}]", List.of()).code()).isEqualTo(5858203);
        assertThat(failure("[{$match: {}}, {$limit: 1}, {$documents: []}]", List.of())
                        .code())
                .isEqualTo(40602);
    }

    @Test
    void outAndMergeMustBeLastAndCollStatsFirst() {
        MongoServerException out = failure("[{$out: 'x'}, {$limit: 1}]", PEOPLE);
        assertThat(out.code()).isEqualTo(40601);
        assertThat(out.getMessage()).isEqualTo("$out can only be the final stage in the pipeline");
        assertThat(failure("[{$merge: 'x'}, {$limit: 1}]", PEOPLE).code()).isEqualTo(40601);
        MongoServerException stats = failure("[{$limit: 1}, {$collStats: {}}]", PEOPLE);
        assertThat(stats.code()).isEqualTo(40602);
        assertThat(stats.getMessage()).isEqualTo("$collStats is only valid as the first stage in a pipeline");
        assertThat(failure("[{$lookup: {from: 'f', as: 'a', pipeline: [{$out: 'x'}]}}]", PEOPLE)
                        .code())
                .isEqualTo(51047);
        assertThat(failure("[{$unionWith: {coll: 'f', pipeline: [{$merge: 'x'}]}}]", PEOPLE)
                        .code())
                .isEqualTo(31441);
    }

    @Test
    void stagesAfterTheLeadingMatchAreKeptAsWritten() {
        Pipeline pipeline =
                Pipeline.parse(stages("[{$match: {a: 1}}, {$match: {b: 2}}, {$limit: 3}, {$match: {c: 1}}]"));
        assertThat(pipeline.leadingMatch()).isEqualTo(doc("{$and: [{a: 1}, {b: 2}]}"));
        assertThat(pipeline.stagesAfterMatch()).containsExactly(doc("{$limit: 3}"), doc("{$match: {c: 1}}"));
    }

    @Test
    void letVariablesBecomeLiteralsInTheSubPipeline() {
        LetVariables let = LetVariables.parse(doc("{item: '$name', o: '$order'}"));
        BsonDocument values = let.valuesFor(doc("{name: 'abc', order: {qty: 5}}"));
        assertThat(values).isEqualTo(doc("{item: 'abc', o: {qty: 5}}"));
        BsonValue rewritten = let.substitute(
                doc("{$match: {$expr: {$and: [{$eq: ['$item', '$$item']}, {$gte: ['$n', '$$o.qty']},"
                        + " {$ne: ['$x', '$$missing']}, {$literal: '$$item'}]}}}"),
                values);
        assertThat(rewritten)
                .isEqualTo(doc(
                        "{$match: {$expr: {$and: [{$eq: ['$item', {$literal: 'abc'}]}, {$gte: ['$n', {$literal: 5}]},"
                                + " {$ne: ['$x', '$$missing']}, {$literal: '$$item'}]}}}"));
        assertThat(let.substitute(new org.bson.BsonString("$$nothing"), let.valuesFor(doc("{}"))))
                .isEqualTo(new org.bson.BsonString("$$nothing"));
        assertThat(let.substitute(new org.bson.BsonString("$$item"), let.valuesFor(doc("{}"))))
                .isEqualTo(new org.bson.BsonString("$$REMOVE"));
        assertThat(catchThrowableOfType(() -> LetVariables.parse(doc("{Item: 1}")), MongoServerException.class)
                        .code())
                .isEqualTo(16867);
    }

    @Test
    void fieldValuesGoThroughArraysAndTakeTheElementsOfTheLastOne() {
        BsonDocument d = doc("{a: [{b: 1}, {b: [2, 3]}, {c: 4}, 5], x: {y: [[6]]}}");
        assertThat(FieldValues.of(d, "a.b")).containsExactly(new BsonInt32(1), new BsonInt32(2), new BsonInt32(3));
        assertThat(FieldValues.of(d, "x.y")).containsExactly(BsonArray.parse("[6]"));
        assertThat(FieldValues.of(d, "nope")).isEmpty();
    }
}
