package io.wrongodb.query;

import static io.wrongodb.query.ProjectionCases.assertProjects;
import static io.wrongodb.query.ProjectionCases.doc;
import static org.assertj.core.api.Assertions.assertThat;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/** Inclusion, exclusion, _id, dotted paths, arrays and literals: each case is what MongoDB 7.0's find returns. */
class ProjectionTest {
    @Test
    void inclusionKeepsNamedFieldsAndIdInDocumentOrder() {
        assertProjects("{b: 1, a: 1}", "{_id: 1, a: 'x', b: 'y', c: 'z'}", "{_id: 1, a: 'x', b: 'y'}");
        assertProjects("{a: 1}", "{a: 'x', _id: 7}", "{a: 'x', _id: 7}");
    }

    @Test
    void inclusionOfAMissingFieldGivesNothing() {
        assertProjects("{a: 1}", "{_id: 1, b: 2}", "{_id: 1}");
        assertProjects("{a: 1, _id: 0}", "{_id: 1}", "{}");
    }

    @Test
    void inclusionKeepsAnyValueWhole() {
        assertProjects("{a: 1}", "{_id: 1, a: [1, {b: 2}, [3]]}", "{_id: 1, a: [1, {b: 2}, [3]]}");
        assertProjects("{a: 1}", "{_id: 1, a: null}", "{_id: 1, a: null}");
    }

    @Test
    void idCanBeExcludedFromAnInclusion() {
        assertProjects("{a: 1, _id: 0}", "{_id: 1, a: 'demo', b: 'other'}", "{a: 'demo'}");
        assertProjects("{_id: false, a: true}", "{_id: 1, a: 2}", "{a: 2}");
    }

    @Test
    void everyNonzeroNumberAndTrueInclude() {
        assertProjects(
                "{a: -2.5, b: NumberLong(3), c: true, d: NumberDecimal('1')}",
                "{_id: 1, a: 1, b: 2, c: 3, d: 4, e: 5}",
                "{_id: 1, a: 1, b: 2, c: 3, d: 4}");
    }

    @Test
    void exclusionDropsNamedFields() {
        assertProjects("{a: 0}", "{_id: 1, a: 1, b: 1, c: 1}", "{_id: 1, b: 1, c: 1}");
        assertProjects("{a: false, b: 0.0}", "{_id: 1, a: 1, b: 1, c: 1}", "{_id: 1, c: 1}");
        assertProjects("{_id: 0}", "{_id: 1, a: 1, b: 1}", "{a: 1, b: 1}");
    }

    @Test
    void idAloneIsAnInclusion() {
        assertProjects("{_id: 1}", "{_id: 1, a: 1}", "{_id: 1}");
    }

    @Test
    void idCanBeIncludedInAnExclusion() {
        assertProjects("{_id: 1, a: 0}", "{_id: 1, a: 1, b: 2}", "{_id: 1, b: 2}");
    }

    @Test
    void emptyProjectionReturnsTheDocument() {
        Projection projection = Projection.parse(new BsonDocument());
        assertThat(projection.isEmpty()).isTrue();
        assertProjects("{}", "{_id: 1, a: 1}", "{_id: 1, a: 1}");
        assertThat(Projection.parse(doc("{a: 0}")).isEmpty()).isFalse();
    }

    @Test
    void dottedInclusionKeepsOnlyTheSubField() {
        assertProjects("{'a.b': 1}", "{_id: 1, a: {b: 'demo', y: 'extra'}, x: 'extra'}", "{_id: 1, a: {b: 'demo'}}");
        assertProjects("{'a.b': 1}", "{_id: 1, a: {b: 'demo', _id: 'extra'}}", "{_id: 1, a: {b: 'demo'}}");
        assertProjects("{'a.b.c': 1, _id: 0}", "{a: {b: {c: 'demo', z: 1}, y: 1}, x: 1}", "{a: {b: {c: 'demo'}}}");
    }

    @Test
    void nestedFormMeansTheSameAsDots() {
        assertProjects("{a: {b: 1}}", "{_id: 1, a: {b: 'demo', y: 'extra'}}", "{_id: 1, a: {b: 'demo'}}");
        assertProjects("{m: {t: 1, p: 1}, _id: 0}", "{m: {t: 20, p: 0.7, h: 0.4}}", "{m: {t: 20, p: 0.7}}");
        assertProjects("{m: {h: 0}, _id: 0}", "{m: {t: 20, p: 0.7, h: 0.4}}", "{m: {t: 20, p: 0.7}}");
        assertProjects("{'a.b': 1, a: {c: 1}}", "{_id: 1, a: {c: 3, b: 2, d: 4}}", "{_id: 1, a: {c: 3, b: 2}}");
    }

    @Test
    void dottedInclusionOfAScalarOrMissingParent() {
        assertProjects("{'a.b': 1}", "{_id: 1, a: 'scalar'}", "{_id: 1}");
        assertProjects("{'a.b': 1}", "{_id: 1, a: {}}", "{_id: 1, a: {}}");
        assertProjects("{'a.b.c': 1, _id: 0}", "{a: {b: 'scalar'}}", "{a: {}}");
        assertProjects("{'a.b.c': 1, _id: 0}", "{a: null}", "{}");
    }

    @Test
    void dottedInclusionThroughArraysOfDocuments() {
        assertProjects("{'a.b': 1}", "{_id: 1, a: [{b: 1, c: 2}, {c: 3}]}", "{_id: 1, a: [{b: 1}, {}]}");
        assertProjects("{'a.b': 1, _id: 0}", "{a: ['scalar', {}, 'scalar', {c: 1}]}", "{a: [{}, {}]}");
        assertProjects("{'a.b': 1, _id: 0}", "{a: [null]}", "{a: []}");
        assertProjects(
                "{'a.b.c': 1, _id: 0}", "{a: [{b: [{c: 1, d: 1}, {c: 2, d: 2}]}]}", "{a: [{b: [{c: 1}, {c: 2}]}]}");
    }

    @Test
    void dottedInclusionGoesIntoNestedArrays() {
        assertProjects("{'a.b': 1, _id: 0}", "{a: [[1, {b: 1}, {b: 2, c: 2}, 'scalar']]}", "{a: [[{b: 1}, {b: 2}]]}");
        assertProjects("{'a.b': 1, _id: 0}", "{a: [[1, 2, 3]]}", "{a: [[]]}");
        assertProjects("{'a.b.c': 1, _id: 0}", "{a: [1, {b: [[1, 2], [{}], 2]}, 2]}", "{a: [{b: [[], [{}]]}]}");
    }

    @Test
    void twoPathsThroughOneParent() {
        assertProjects(
                "{'a.b': 1, 'a.c': 1, _id: 0}",
                "{a: [{b: 1, c: 2, d: 3}, 'x', {b: 4, d: 6}]}",
                "{a: [{b: 1, c: 2}, {b: 4}]}");
    }

    @Test
    void dottedExclusionKeepsScalarsAndOtherFields() {
        assertProjects(
                "{'a.b': 0}", "{_id: 1, a: {b: 1, c: 1, d: 1}, x: {y: 1}}", "{_id: 1, a: {c: 1, d: 1}, x: {y: 1}}");
        assertProjects(
                "{'a.b': 0}", "{_id: 1, a: ['scalar', {b: 1, c: 1}, {b: 2}]}", "{_id: 1, a: ['scalar', {c: 1}, {}]}");
        assertProjects(
                "{'a.b.c': 0}",
                "{_id: 1, a: [[], [{b: [[1, 2], {c: 1, d: 1}]}]]}",
                "{_id: 1, a: [[], [{b: [[1, 2], {d: 1}]}]]}");
        assertProjects("{'a.b': 0}", "{_id: 1, a: 5}", "{_id: 1, a: 5}");
    }

    @Test
    void literalValuesAreComputedFields() {
        assertProjects("{a: {$literal: 0}}", "{_id: 1, a: 1, b: 1}", "{_id: 1, a: 0}");
        assertProjects("{a: {$literal: 0}, b: 'string'}", "{_id: 1, a: 1, b: 1}", "{_id: 1, a: 0, b: 'string'}");
        assertProjects(
                "{x: null, y: [1, 'two'], z: {$literal: '$notAPath'}}",
                "{_id: 1}",
                "{_id: 1, x: null, y: [1, 'two'], z: '$notAPath'}");
        assertProjects("{x: [{$literal: 1}, {k: 1}]}", "{_id: 1}", "{_id: 1, x: [1, {k: 1}]}");
    }

    @Test
    void fieldPathsAndOperatorsAreAggregationExpressions() {
        assertProjects("{x: '$a.b', _id: 0}", "{_id: 1, a: {b: 5}}", "{x: 5}");
        assertProjects("{x: '$nope'}", "{_id: 1, a: 1}", "{_id: 1}");
        assertProjects("{x: ['$a', 2]}", "{_id: 1, a: 1}", "{_id: 1, x: [1, 2]}");
        assertProjects("{a: 1, total: {$add: ['$a', '$b']}}", "{_id: 1, a: 1, b: 2}", "{_id: 1, a: 1, total: 3}");
        assertProjects("{r: '$$ROOT', _id: 0}", "{_id: 1, a: 1}", "{r: {_id: 1, a: 1}}");
        assertProjects("{big: {$cond: [{$gt: ['$a', 1]}, 'yes', 'no']}, _id: 0}", "{_id: 1, a: 2}", "{big: 'yes'}");
        assertProjects("{x: {$slice: ['$a', 1]}, _id: 0}", "{_id: 1, a: [5, 6, 7]}", "{x: [5]}");
        assertProjects("{x: {$slice: [[1, 2, 3], -2]}, _id: 0}", "{_id: 1}", "{x: [2, 3]}");
    }

    @Test
    void computedFieldsFollowTheIncludedOnes() {
        assertProjects("{c: 'new', a: 1}", "{_id: 1, a: 1, b: 2, c: 3}", "{_id: 1, a: 1, c: 'new'}");
        assertProjects(
                "{z: 1, y: 'second', x: 'first', b: 1}",
                "{_id: 1, b: 2, z: 3}",
                "{_id: 1, b: 2, z: 3, y: 'second', x: 'first'}");
    }

    @Test
    void dottedLiteralsWriteIntoSubDocuments() {
        assertProjects("{'a.b': 'new value'}", "{_id: 1, a: {b: 1, c: 1}, x: 1}", "{_id: 1, a: {b: 'new value'}}");
        assertProjects("{'a.b': 'v'}", "{_id: 1, a: 5}", "{_id: 1, a: {b: 'v'}}");
        assertProjects("{'a.b': 'v'}", "{_id: 1}", "{_id: 1, a: {b: 'v'}}");
        assertProjects("{'a.c': 'v', 'a.b': 1}", "{_id: 1, a: {b: 2, d: 3}, e: 4}", "{_id: 1, a: {b: 2, c: 'v'}}");
        assertProjects("{'a.b': 1, 'a.c': 'v'}", "{_id: 1, a: 7, e: 4}", "{_id: 1, a: {c: 'v'}}");
    }

    @Test
    void dottedLiteralsReplaceScalarsInArrays() {
        assertProjects(
                "{'a.b': 'new value'}",
                "{_id: 1, a: ['scalar', {b: 1, c: 1}, {b: 3}]}",
                "{_id: 1, a: [{b: 'new value'}, {b: 'new value'}, {b: 'new value'}]}");
        assertProjects(
                "{'a.b': 'v', 'a.c': 'w'}",
                "{_id: 1, a: [{b: 1, d: 1}, {c: 2}]}",
                "{_id: 1, a: [{b: 'v', c: 'w'}, {b: 'v', c: 'w'}]}");
        assertProjects("{'a.b': 'v'}", "{_id: 1, a: []}", "{_id: 1, a: []}");
        assertProjects(
                "{'a.b.c': 'v'}",
                "{_id: 1, a: [[], [{b: [[1, 2], {c: 1, d: 1}]}]]}",
                "{_id: 1, a: [[], [{b: [[{c: 'v'}, {c: 'v'}], {c: 'v'}]}]]}");
    }

    @Test
    void theInputDocumentIsNotChanged() {
        BsonDocument input = doc("{_id: 1, a: [{b: 1, c: 2}], d: [1, 2, 3]}");
        BsonDocument before = input.clone();
        Projection.parse(doc("{'a.b': 0, d: {$slice: 1}}")).apply(input, new MatchDetails());
        Projection.parse(doc("{'a.c': 'v'}")).apply(input, new MatchDetails());
        assertThat(input.toJson()).isEqualTo(before.toJson());
    }

    @Test
    void reportsItsKind() {
        assertThat(Projection.parse(doc("{a: 1}")).isInclusion()).isTrue();
        assertThat(Projection.parse(doc("{a: 0}")).isInclusion()).isFalse();
        assertThat(Projection.parse(doc("{a: {$slice: 1}}")).isInclusion()).isFalse();
        assertThat(Projection.parse(doc("{a: 1}")).usesMatchPosition()).isFalse();
        assertThat(Projection.parse(doc("{'a.$': 1}")).usesMatchPosition()).isTrue();
    }
}
