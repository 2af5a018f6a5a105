package io.wrongodb.query;

import static io.wrongodb.query.ProjectionCases.assertProjects;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The find projection {@code $slice}: its forms, where the sliced array ends up, and what else is returned. */
class ProjectionSliceTest {
    @ParameterizedTest(name = "$slice: {0} gives {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "2                | [1, 2]",
                "NumberLong(2)    | [1, 2]",
                "-2               | [3, 4]",
                "1.4              | [1]",
                "0                | []",
                "10               | [1, 2, 3, 4]",
                "-10              | [1, 2, 3, 4]",
                "NaN              | []",
                "Infinity         | [1, 2, 3, 4]",
                "[1, 2]           | [2, 3]",
                "[-3, 2]          | [2, 3]",
                "[-2.5, 2]        | [3, 4]",
                "[1, 2.8]         | [2, 3]",
                "[-10, 2]         | [1, 2]",
                "[10, 2]          | []",
                "[3, 5]           | [4]",
            })
    void slicesTheArray(String argument, String expected) {
        assertProjects(
                "{v: {$slice: " + argument + "}}",
                "{_id: 1, v: [1, 2, 3, 4], w: 'other'}",
                "{_id: 1, v: " + expected + ", w: 'other'}");
    }

    @Test
    void aSliceAloneIsAnExclusion() {
        assertProjects("{v: {$slice: 1}}", "{_id: 1, u: 0, v: [1, 2], w: 3}", "{_id: 1, u: 0, v: [1], w: 3}");
        assertProjects("{_id: 0, v: {$slice: 1}}", "{_id: 1, u: 0, v: [1, 2]}", "{u: 0, v: [1]}");
        assertProjects("{w: 0, v: {$slice: -1}}", "{_id: 1, v: [1, 2], w: 3}", "{_id: 1, v: [2]}");
    }

    @Test
    void aSliceWithAnIncludedIdIsAnInclusion() {
        assertProjects("{_id: 1, v: {$slice: 1}}", "{_id: 1, u: 0, v: [1, 2], w: 3}", "{_id: 1, v: [1]}");
    }

    @Test
    void theSlicedArrayKeepsItsPlaceInAnInclusion() {
        assertProjects("{v: {$slice: 1}, w: 1}", "{_id: 1, v: [1, 2], u: 0, w: 3}", "{_id: 1, v: [1], w: 3}");
        assertProjects("{w: 1, v: {$slice: 1}}", "{_id: 1, v: [1, 2], w: 3}", "{_id: 1, v: [1], w: 3}");
    }

    @Test
    void aNestedSliceInAnInclusionDropsTheOtherSubFields() {
        assertProjects(
                "{x: 1, 'a.b': {$slice: 1}}", "{_id: 1, a: {b: [1, 2], c: 1}, x: 2}", "{_id: 1, a: {b: [1]}, x: 2}");
    }

    @Test
    void aNestedSliceInAnExclusionKeepsTheOtherSubFields() {
        assertProjects("{'a.b': {$slice: 1}}", "{_id: 1, a: {b: [1, 2], c: 1}}", "{_id: 1, a: {b: [1], c: 1}}");
        assertProjects("{a: {b: {$slice: -1}}}", "{_id: 1, a: {b: [1, 2], c: 1}}", "{_id: 1, a: {b: [2], c: 1}}");
    }

    @Test
    void slicesGoThroughArraysOfDocuments() {
        assertProjects(
                "{'a.b': {$slice: 1}}",
                "{_id: 1, a: [{b: [1, 2]}, {b: [3, 4], c: 0}, 5, [{b: [6, 7]}]]}",
                "{_id: 1, a: [{b: [1]}, {b: [3], c: 0}, 5, [{b: [6, 7]}]]}");
    }

    @Test
    void anythingButAnArrayIsLeftAlone() {
        assertProjects("{v: {$slice: 1}}", "{_id: 1, v: 'text'}", "{_id: 1, v: 'text'}");
        assertProjects("{v: {$slice: 1}}", "{_id: 1, v: {a: [1, 2]}}", "{_id: 1, v: {a: [1, 2]}}");
        assertProjects("{v: {$slice: 1}}", "{_id: 1}", "{_id: 1}");
        assertProjects("{_id: 1, v: {$slice: 1}}", "{_id: 1, w: 2}", "{_id: 1}");
    }

    @Test
    void slicesOfTwoArrays() {
        assertProjects(
                "{a: {$slice: 1}, b: {$slice: -1}}",
                "{_id: 1, a: [1, 2], b: [3, 4], c: 5}",
                "{_id: 1, a: [1], b: [4], c: 5}");
    }

    @Test
    void anAggregationSliceWithANullArgumentIsNull() {
        // Not the find syntax, so MongoDB reads it as the expression $slice, which is null for a null argument.
        assertProjects("{v: {$slice: [2, null]}}", "{_id: 1, v: [1, 2, 3, 4], w: 1}", "{_id: 1, v: null}");
    }
}
