package io.wrongodb.query;

import static io.wrongodb.query.ProjectionCases.assertProjects;
import static io.wrongodb.query.ProjectionCases.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wrongodb.error.MongoServerException;
import org.junit.jupiter.api.Test;

/**
 * The positional projection {@code a.$}, given the position the filter recorded (set by hand here, as a filter such
 * as {@code {a: {$gte: 5}}} would on these documents).
 */
class ProjectionPositionalTest {
    private static MatchDetails at(int position) {
        MatchDetails details = new MatchDetails();
        details.recordArrayPosition(position);
        return details;
    }

    @Test
    void keepsTheMatchedElementOnly() {
        // find({foo: {$gte: 5}}, {'foo.$': 1}) on {foo: [1, 2, 6, 10]}: the first match is 6, at position 2.
        assertProjects("{'foo.$': 1}", "{_id: 1, foo: [1, 2, 6, 10]}", at(2), "{_id: 1, foo: [6]}");
        assertProjects(
                "{bar: 1, 'foo.$': 1}", "{_id: 1, foo: [1, 2, 6, 10], bar: 1}", at(2), "{_id: 1, foo: [6], bar: 1}");
    }

    @Test
    void replacesTheFirstArrayOnTheSubPath() {
        // find({'a.b': 2}, {'a.b.$': 1}) on {a: [{b: 1, c: 1}, {b: 2, c: 2}]}.
        assertProjects("{'a.b.$': 1, _id: 0}", "{_id: 1, a: [{b: 1, c: 1}, {b: 2, c: 2}]}", at(1), "{a: [{b: 2}]}");
        assertProjects("{'x.a.$': 1, _id: 0}", "{x: {a: [5, 6], b: 1}}", at(1), "{x: {a: [6]}}");
    }

    @Test
    void aFieldThatIsNoArrayIsReturnedAsItIs() {
        // find({a: 3}, {'a.$': 1}) on {a: 3}: the filter matched without an array, so no position.
        assertProjects("{'a.$': 1}", "{_id: 1, a: 3, b: 1}", new MatchDetails(), "{_id: 1, a: 3}");
    }

    @Test
    void noRecordedPositionOnAnArrayIsAnError() {
        MongoServerException error = catchThrowableOfType(
                () -> Projection.parse(doc("{'v.$': 1}")).apply(doc("{_id: 1, v: [1, 2]}"), new MatchDetails()),
                MongoServerException.class);
        assertThat(error.code()).isEqualTo(51246);
        assertThat(error.getMessage())
                .isEqualTo("positional operator '.$' couldn't find a matching element in the array");
    }

    @Test
    void aPositionPastTheProjectedArrayIsAnError() {
        // find({v: 42}, {'v.foo.$': 1}) on {v: [42]}: the projected v is [] and position 0 is not in it.
        MongoServerException error = catchThrowableOfType(
                () -> Projection.parse(doc("{'v.foo.$': 1}")).apply(doc("{_id: 1, v: [42]}"), at(0)),
                MongoServerException.class);
        assertThat(error.code()).isEqualTo(51247);
        assertThat(error.getMessage()).isEqualTo("positional operator '.$' element mismatch");
    }
}
