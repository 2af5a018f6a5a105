package io.wrongodb.query;

import static io.wrongodb.query.ProjectionCases.assertRejects;
import static io.wrongodb.query.ProjectionCases.parseError;
import static org.assertj.core.api.Assertions.assertThat;

import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import org.junit.jupiter.api.Test;

/** Projections MongoDB 7.0 refuses, with its code and message. */
class ProjectionErrorTest {
    private static final String SLICE_EXPRESSION_SYNTAX =
            " :: The given syntax did not match the expression $slice syntax. :: caused by :: ";

    @Test
    void mixingInclusionAndExclusion() {
        assertRejects("{a: 1, b: 0}", 31254, "Cannot do exclusion on field b in inclusion projection");
        assertRejects("{a: 0, b: 1}", 31253, "Cannot do inclusion on field b in exclusion projection");
        assertRejects("{_id: 0, a: 1, 'b.c': 0}", 31254, "Cannot do exclusion on field b.c in inclusion projection");
        assertRejects("{a: {b: 1, c: 0}}", 31254, "Cannot do exclusion on field c in inclusion projection");
        assertRejects("{a: 1, _id: {x: 0}}", 31254, "Cannot do exclusion on field x in inclusion projection");
        assertRejects("{a: 'x', b: 0}", 31254, "Cannot do exclusion on field b in inclusion projection");
    }

    @Test
    void codeNameIsTheLocation() {
        MongoServerException error = parseError("{a: 1, b: 0}");
        assertThat(error.codeName()).isEqualTo("Location31254");
    }

    @Test
    void expressionsInAnExclusion() {
        assertRejects("{a: 0, b: 'x'}", 31310, "Cannot use an expression b: \"x\" in an exclusion projection");
        assertRejects("{a: 0, b: [1, 2]}", 31310, "Cannot use an expression b: [ 1, 2 ] in an exclusion projection");
        assertRejects(
                "{a: 0, b: {$literal: 1}}", 31252, "Cannot use expression other than $meta in exclusion projection");
    }

    @Test
    void pathCollisions() {
        assertRejects("{a: 1, 'a.b': 1}", 31249, "Path collision at a.b remaining portion b");
        assertRejects("{'a.b': 1, a: 1}", 31250, "Path collision at a");
        assertRejects("{'a.b': 1, 'a.b.c': 1}", 31249, "Path collision at a.b.c remaining portion b.c");
        assertRejects("{a: {b: 1}, 'a.b': 0}", 31250, "Path collision at a.b");
        assertRejects("{'a.b': 0, a: {b: 0}}", 31250, "Path collision at b");
    }

    @Test
    void emptySubProjection() {
        assertRejects("{a: {}}", 51270, "An empty sub-projection is not a valid value. Found empty object at path");
    }

    @Test
    void invalidFieldPaths() {
        assertRejects("{'': 1}", 40352, "FieldPath cannot be constructed with empty string");
        assertRejects("{'v..$': 1}", 40353, "FieldPath must not end with a '.'.");
        assertRejects("{'a.': 1}", 40353, "FieldPath must not end with a '.'.");
        assertRejects("{'a..b': 1}", 15998, "FieldPath field names may not be empty strings.");
        String dollar = "FieldPath field names may not start with '$'. Consider using $getField or $setField.";
        assertRejects("{'$': 1}", 16410, dollar);
        assertRejects("{'$v': 1}", 16410, dollar);
        assertRejects("{'v.$foo': 1}", 16410, dollar);
        assertRejects("{'$.foo.$': 1}", 16410, dollar);
        assertRejects("{a: {$slice: 1, b: 1}}", 16410, dollar);
    }

    @Test
    void positionalOperatorMisuse() {
        String middle = "As of 4.4, it's illegal to specify positional operator in the middle of a path.Positional"
                + " projection may only be used at the end, for example: a.b.$. If the query previously used a form"
                + " like a.b.$.d, remove the parts following the '$' and the results will be equivalent.";
        assertRejects("{'v.$.foo': 1}", 31394, middle);
        assertRejects("{'v.$.foo.$': 1}", 31394, middle);
        assertRejects("{'v.$': 0}", 31395, "positional projection cannot be used with exclusion");
        assertRejects("{'v.$': 'x'}", 31308, "positional projection cannot be used with a literal");
        assertRejects(
                "{'v.$': {$slice: 1}}", 31271, "positional projection cannot be used with an expression or sub object");
        assertRejects("{'a.$': 1, 'b.$': 1}", 31276, "Cannot specify more than one positional projection per query.");
        assertRejects("{'.$': 1}", 5392900, "Projection on field .$ is invalid");
        assertRejects("{a: 0, 'b.$': 1}", 31253, "Cannot do inclusion on field b.$ in exclusion projection");
    }

    @Test
    void elemMatchMisuse() {
        assertRejects("{a: {$elemMatch: 1}}", 31274, "elemMatch: Invalid argument, object required, but got int");
        assertRejects("{a: {$elemMatch: ['x']}}", 31274, "elemMatch: Invalid argument, object required, but got array");
        assertRejects("{'a.b': {$elemMatch: {c: 1}}}", 31275, "Cannot use $elemMatch projection on a nested field.");
        assertRejects("{a: {b: {$elemMatch: {c: 1}}}}", 31275, "Cannot use $elemMatch projection on a nested field.");
        assertRejects(
                "{'b.$': 1, a: {$elemMatch: {c: 1}}}", 31255, "Cannot specify positional operator and $elemMatch.");
        assertRejects(
                "{a: {$elemMatch: {c: 1}}, 'b.$': 1}", 31256, "Cannot specify positional operator and $elemMatch.");
    }

    @Test
    void sliceArgumentsThatAreNeitherSyntax() {
        assertRejects(
                "{v: {$slice: 'string'}}",
                28667,
                "Invalid $slice syntax. The given syntax { $slice: \"string\" }"
                        + " did not match the find() syntax because :: Location31273: $slice only supports numbers and"
                        + " [skip, limit] arrays" + SLICE_EXPRESSION_SYNTAX
                        + "Expression $slice takes at least 2 arguments, and at most 3, but 1 were passed in.");
        assertRejects(
                "{v: {$slice: {a: {b: 3}, b: 'abcd'}}}",
                28667,
                "Invalid $slice syntax. The given syntax { $slice: { a: { b: 3 }, b: \"abcd\" } } did not match the"
                        + " find() syntax because :: Location31273: $slice only supports numbers and [skip, limit]"
                        + " arrays" + SLICE_EXPRESSION_SYNTAX
                        + "Expression $slice takes at least 2 arguments, and at most 3, but 1 were passed in.");
        assertRejects(
                "{v: {$slice: null}}",
                28667,
                "Invalid $slice syntax. The given syntax { $slice: null } did not"
                        + " match the find() syntax because :: Location31273: $slice only supports numbers and [skip, limit]"
                        + " arrays" + SLICE_EXPRESSION_SYNTAX
                        + "Expression $slice takes at least 2 arguments, and at most 3, but 1 were passed in.");
        assertRejects(
                "{v: {$slice: []}}",
                28667,
                "Invalid $slice syntax. The given syntax { $slice: [] } did not"
                        + " match the find() syntax because :: Location31272: $slice array argument should be of form"
                        + " [skip, limit]" + SLICE_EXPRESSION_SYNTAX
                        + "Expression $slice takes at least 2 arguments, and at most 3, but 0 were passed in.");
        assertRejects(
                "{v: {$slice: [null]}}",
                28667,
                "Invalid $slice syntax. The given syntax { $slice: [ null ] }"
                        + " did not match the find() syntax because :: Location31272: $slice array argument should be of"
                        + " form [skip, limit]" + SLICE_EXPRESSION_SYNTAX
                        + "Expression $slice takes at least 2 arguments, and at most 3, but 1 were passed in.");
        assertRejects(
                "{v: {$slice: [1, 2, 3, 4]}}",
                28667,
                "Invalid $slice syntax. The given syntax"
                        + " { $slice: [ 1, 2, 3, 4 ] } did not match the find() syntax because :: Location31272: $slice"
                        + " array argument should be of form [skip, limit]" + SLICE_EXPRESSION_SYNTAX
                        + "Expression $slice takes at least 2 arguments, and at most 3, but 4 were passed in.");
    }

    @Test
    void sliceArgumentsReadAsTheAggregationOperator() {
        assertRejects(
                "{v: {$slice: ['string', 5]}}",
                28724,
                "First argument to $slice must be an array, but is of type: string");
        assertRejects(
                "{v: {$slice: [2, 'string']}}",
                28724,
                "First argument to $slice must be an array, but is of type: int");
        assertRejects(
                "{v: {$slice: [3, -2]}}", 28724, "First argument to $slice must be an array, but is of type: int");
        assertRejects(
                "{v: {$slice: [NumberLong(3), -2]}}",
                28724,
                "First argument to $slice must be an array, but is of type: long");
        assertRejects(
                "{v: {$slice: [0.3, -2]}}", 28724, "First argument to $slice must be an array, but is of type: double");
        assertRejects(
                "{v: {$slice: ['string', 2, 3]}}",
                28724,
                "First argument to $slice must be an array, but is of type: string");
        assertRejects("{v: {$slice: [1, 0]}}", 28724, "First argument to $slice must be an array, but is of type: int");
    }

    @Test
    void anAggregationSliceInAnExclusionCarriesTheFindError() {
        assertRejects(
                "{b: 0, v: {$slice: [3, -2]}}",
                31252,
                "Invalid $slice syntax. The given syntax"
                        + " { $slice: [ 3, -2 ] } did not match the find() syntax because :: Location31259: $slice limit"
                        + " must be positive, got -2" + SLICE_EXPRESSION_SYNTAX
                        + "Cannot use expression other than $meta in exclusion projection");
    }

    @Test
    void metaSaysNotImplemented() {
        for (String projection : new String[] {"{x: {$meta: 'textScore'}}", "{x: {$meta: 'recordId'}}"}) {
            MongoServerException error = parseError(projection);
            assertThat(error).as(projection).isNotNull();
            assertThat(error.errorCode()).as(projection).isEqualTo(ErrorCode.NOT_IMPLEMENTED);
        }
    }
}
