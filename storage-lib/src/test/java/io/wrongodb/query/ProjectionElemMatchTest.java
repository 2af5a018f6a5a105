package io.wrongodb.query;

import static io.wrongodb.query.ProjectionCases.assertProjects;

import org.junit.jupiter.api.Test;

/**
 * The {@code $elemMatch} projection. It matches with {@link Filter}, so these tests need the real filter matcher:
 * they fail while {@link Filter#matches(org.bson.BsonDocument, MatchDetails)} is a skeleton.
 */
class ProjectionElemMatchTest {
    @Test
    void keepsTheFirstMatchingElement() {
        assertProjects(
                "{games: {$elemMatch: {score: {$gt: 5}}}}",
                "{_id: 1, games: [{score: 3}, {score: 8}, {score: 9}], joined: 2}",
                "{_id: 1, games: [{score: 8}]}");
        assertProjects("{a: {$elemMatch: {$gte: 5}}, _id: 0}", "{_id: 1, a: [1, 6, 7]}", "{a: [6]}");
    }

    @Test
    void noMatchLeavesTheFieldOut() {
        assertProjects("{a: {$elemMatch: {$gte: 50}}}", "{_id: 1, a: [1, 6, 7], b: 1}", "{_id: 1}");
        assertProjects("{a: {$elemMatch: {$gte: 5}}}", "{_id: 1, a: 6}", "{_id: 1}");
        assertProjects("{a: {$elemMatch: {$gte: 5}}}", "{_id: 1}", "{_id: 1}");
    }

    @Test
    void theMatchedArrayComesAfterTheIncludedFields() {
        // MongoDB's documented example: games is listed first and stored first, but returned last.
        assertProjects(
                "{games: {$elemMatch: {score: {$gt: 5}}}, joined: 1, lastLogin: 1}",
                "{_id: 1, name: 'p1', games: [{game: 'abc', score: 8}, {game: 'xyz', score: 5}], joined: 3,"
                        + " lastLogin: 4}",
                "{_id: 1, joined: 3, lastLogin: 4, games: [{game: 'abc', score: 8}]}");
    }

    @Test
    void inAnExclusionTheArrayStaysInPlace() {
        assertProjects(
                "{b: 0, a: {$elemMatch: {$gte: 5}}}", "{_id: 1, a: [1, 6], b: 2, c: 3}", "{_id: 1, a: [6], c: 3}");
        assertProjects("{b: 0, a: {$elemMatch: {$gte: 50}}}", "{_id: 1, a: [1, 6], b: 2, c: 3}", "{_id: 1, c: 3}");
    }

    @Test
    void withASliceElsewhereTheProjectionIsAnExclusion() {
        assertProjects(
                "{a: {$elemMatch: {$gte: 5}}, b: {$slice: 1}}",
                "{_id: 1, a: [1, 6], b: [2, 3], c: 4}",
                "{_id: 1, a: [6], b: [2], c: 4}");
    }
}
