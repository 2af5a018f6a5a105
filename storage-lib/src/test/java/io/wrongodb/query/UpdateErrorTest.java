package io.wrongodb.query;

import static io.wrongodb.query.UpdateTesting.applyError;
import static io.wrongodb.query.UpdateTesting.assertError;
import static io.wrongodb.query.UpdateTesting.parseError;

import org.junit.jupiter.api.Test;

/** What MongoDB rejects, with its codes and messages: at parse time, then while applying. */
class UpdateErrorTest {
    @Test
    void unknownModifier() {
        assertError(
                parseError("{$foo: {a: 1}}"),
                9,
                "Unknown modifier: $foo. Expected a valid update modifier or pipeline-style update specified as an array");
        assertError(
                parseError("{$set: {a: 1}, b: 2}"),
                9,
                "Unknown modifier: b. Expected a valid update modifier or pipeline-style update specified as an array");
    }

    @Test
    void nonDocumentModifier() {
        assertError(
                parseError("{$set: 1}"),
                9,
                "Modifiers operate on fields but we found type int instead. For example: {$mod: {<field>: ...}} not {$set: 1}");
    }

    @Test
    void twoOperatorsOnOnePathConflict() {
        assertError(
                parseError("{$set: {a: 1}, $inc: {a: 1}}"), 40, "Updating the path 'a' would create a conflict at 'a'");
        assertError(parseError("{$set: {'a.b': 1, a: 1}}"), 40, "Updating the path 'a' would create a conflict at 'a'");
        assertError(
                parseError("{$set: {a: 1, 'a.b': 1}}"), 40, "Updating the path 'a.b' would create a conflict at 'a'");
        assertError(
                parseError("{$rename: {a: 'b'}, $set: {b: 1}}"),
                40,
                "Updating the path 'b' would create a conflict at 'b'");
    }

    @Test
    void badPaths() {
        assertError(
                parseError("{$set: {'a..b': 1}}"),
                56,
                "The update path 'a..b' contains an empty field name, which is not allowed.");
        assertError(parseError("{$set: {'': 1}}"), 56, "An empty update path is not valid.");
        assertError(
                parseError("{$set: {'$.a': 1}}"),
                2,
                "Cannot have positional (i.e. '$') element in the first position in path '$.a'");
        assertError(
                parseError("{$set: {'a.$.b.$': 1}}"),
                2,
                "Too many positional (i.e. '$') elements found in path 'a.$.b.$'");
    }

    @Test
    void changingIdIsRefused() {
        assertError(
                applyError("{_id: 1, a: 1}", "{$set: {_id: 2}}"),
                66,
                "Performing an update on the path '_id' would modify the immutable field '_id'");
        assertError(
                applyError("{_id: 1}", "{$unset: {_id: 1}}"),
                66,
                "Performing an update on the path '_id' would modify the immutable field '_id'");
        assertError(
                applyError("{_id: {a: 1}}", "{$inc: {'_id.a': 1}}"),
                66,
                "Performing an update on the path '_id.a' would modify the immutable field '_id'");
        assertError(
                applyError("{_id: 1, a: 1}", "{$rename: {_id: 'b'}}"),
                66,
                "Unsetting the path '_id' using $rename would modify the immutable field '_id'");
    }

    @Test
    void incAndMulNeedNumbers() {
        assertError(parseError("{$inc: {a: 'x'}}"), 14, "Cannot increment with non-numeric argument: {a: \"x\"}");
        assertError(parseError("{$mul: {a: 'x'}}"), 14, "Cannot multiply with non-numeric argument: {a: \"x\"}");
        assertError(
                applyError("{_id: 1, a: 'x'}", "{$inc: {a: 1}}"),
                14,
                "Cannot apply $inc to a value of non-numeric type. {_id: 1} has the field 'a' of non-numeric type string");
    }

    @Test
    void longOverflowFails() {
        assertError(
                applyError("{_id: 1, a: {$numberLong: '9223372036854775807'}}", "{$inc: {a: 1}}"),
                2,
                "Failed to apply $inc operations to current value ((NumberLong)9223372036854775807) for document {_id: 1}");
    }

    @Test
    void pathsThroughScalarsAreNotViable() {
        assertError(
                applyError("{_id: 1, a: 1}", "{$set: {'a.b': 1}}"), 28, "Cannot create field 'b' in element {a: 1}");
        assertError(
                applyError("{_id: 1, a: [1]}", "{$set: {'a.b': 1}}"),
                28,
                "Cannot create field 'b' in element {a: [ 1 ]}");
        assertError(
                applyError("{_id: 1, a: 1}", "{$pop: {'a.b': 1}}"),
                28,
                "Cannot use the part (b) of (a.b) to traverse the element ({a: 1})");
    }

    @Test
    void arrayOperatorsOnNonArrays() {
        assertError(
                applyError("{_id: 1, a: 1}", "{$push: {a: 1}}"),
                2,
                "The field 'a' must be an array but is of type int in document {_id: 1}");
        assertError(
                applyError("{_id: 1, a: 1}", "{$addToSet: {a: 1}}"),
                2,
                "Cannot apply $addToSet to non-array field. Field named 'a' has non-array type int");
        assertError(
                applyError("{_id: 1, a: 1}", "{$pop: {a: 1}}"),
                14,
                "Path 'a' contains an element of non-array type 'int'");
        assertError(applyError("{_id: 1, a: 1}", "{$pull: {a: 1}}"), 2, "Cannot apply $pull to a non-array value");
        assertError(applyError("{_id: 1, a: 1}", "{$pullAll: {a: [1]}}"), 2, "Cannot apply $pull to a non-array value");
    }

    @Test
    void badOperatorArguments() {
        assertError(parseError("{$pop: {a: 2}}"), 2, "$pop expects 1 or -1, found: 2");
        assertError(parseError("{$pop: {a: 'x'}}"), 2, "Expected a number in: a: \"x\"");
        assertError(parseError("{$pullAll: {a: 1}}"), 2, "$pullAll requires an array argument but was given a int");
        assertError(
                parseError("{$push: {a: {$each: 1}}}"),
                2,
                "The argument to $each in $push must be an array but it was of type: int");
        assertError(parseError("{$push: {a: {$each: [1], $foo: 1}}}"), 2, "Unrecognized clause in $push: $foo");
        assertError(
                parseError("{$push: {a: {$each: [1], $sort: 2}}}"),
                2,
                "The $sort element value must be either 1 or -1");
        assertError(
                parseError("{$push: {a: {$each: [1], $slice: 'x'}}}"),
                2,
                "The value for $slice must be an integer value but was given type: string");
        assertError(
                parseError("{$addToSet: {a: {$each: 1}}}"),
                14,
                "The argument to $each in $addToSet must be an array but it was of type int");
        assertError(
                parseError("{$bit: {a: {not: 1}}}"),
                2,
                "The $bit modifier only supports 'and', 'or', and 'xor', not 'not' which is an unknown operator: {not: 1}");
        assertError(
                parseError("{$bit: {a: {and: 1.5}}}"),
                2,
                "The $bit modifier field must be an Integer(32/64 bit); a 'double' is not supported here: {and: 1.5}");
        assertError(
                parseError("{$currentDate: {a: {$type: 'x'}}}"),
                2,
                "The '$type' string field is required to be 'date' or 'timestamp': {$currentDate: {field : {$type: 'date'}}}");
    }

    @Test
    void badRenames() {
        assertError(parseError("{$rename: {a: 1}}"), 2, "The 'to' field for $rename must be a string: a: 1");
        assertError(
                parseError("{$rename: {a: 'a.b'}}"),
                2,
                "The source and target field for $rename must not be on the same path: a: \"a.b\"");
        assertError(parseError("{$rename: {'a.$': 'b'}}"), 2, "The source field for $rename may not be dynamic: a.$");
        assertError(
                applyError("{_id: 1, a: [{b: 1}]}", "{$rename: {'a.0.b': 'c'}}"),
                2,
                "The source field cannot be an array element, 'a.0.b' in doc with _id: 1 has an array field called 'a'");
        assertError(
                applyError("{_id: 1, a: [{b: 1}], c: 1}", "{$rename: {c: 'a.0.d'}}"),
                2,
                "The destination field cannot be an array element, 'a.0.d' in doc with _id: 1 has an array field called 'a'");
    }

    @Test
    void arrayFilterIdentifiers() {
        assertError(
                parseError("{$set: {'a.$[x]': 1}}"), 2, "No array filter found for identifier 'x' in path 'a.$[x]'");
        assertError(
                parseError("{$set: {'a.$[i]': 5.0}}", "{i: 1}", "{j: 1}"),
                9,
                "The array filter for identifier 'j' was not used in the update { $set: { a.$[i]: 5.0 } }");
        assertError(
                parseError("{$set: {'a.$[x]': 1}}", "{x: 1}", "{x: 2}"),
                9,
                "Found multiple array filters with the same top-level field name x");
        assertError(
                parseError("{$set: {'a.$[X]': 1}}", "{X: 1}"),
                2,
                "Error parsing array filter :: caused by :: The top-level field name must be an alphanumeric string"
                        + " beginning with a lowercase letter, found 'X'");
        assertError(
                parseError("{$set: {'a.$[x]': 1}}", "{x: 1, y: 2}"),
                9,
                "Error parsing array filter :: caused by :: Expected a single top-level field name, found 'x' and 'y'");
    }

    @Test
    void dollarPrefixedTopLevelFields() {
        assertError(
                applyError("{_id: 1}", "{$set: {$a: 1}}"),
                52,
                "The dollar ($) prefixed field '$a' in '$a' is not allowed in the context of an update's replacement"
                        + " document. Consider using an aggregation pipeline with $replaceWith.");
    }
}
