package io.wrongodb.query;

import io.wrongodb.catalog.IndexSpec;
import java.util.List;
import org.bson.BsonDocument;

/**
 * How a query reads its collection: all of it in {@code _id} order (a collection scan, {@code index == null}), or
 * the entries of one index within {@code ranges}, fetching each document they name. {@code providesSort} says the
 * scan's order already is the query's sort, so no sort stage is needed; {@code bounds} describes the ranges for
 * explain, as {@code {field: ["[1, 1]", ...]}}; {@code equalities} and {@code ranged} say how many leading fields
 * the filter pins and whether it bounds the next, which is how the planner ranks candidate plans.
 *
 * <p>A union ({@code branches} not empty, {@code index == null}) answers a top-level {@code $or} whose every branch
 * has an index plan: it reads each branch's plan in turn and returns each document once (MongoDB's OR stage).
 */
public record Plan(
        IndexSpec index,
        List<KeyRange> ranges,
        boolean reverse,
        boolean providesSort,
        BsonDocument bounds,
        int equalities,
        boolean ranged,
        List<Plan> branches) {

    public static Plan collectionScan(boolean reverse) {
        return new Plan(null, List.of(), reverse, false, new BsonDocument(), 0, false, List.of());
    }

    /** The plan that reads every branch's plan and returns the union of their documents. */
    public static Plan union(List<Plan> branches) {
        return new Plan(null, List.of(), false, false, new BsonDocument(), 0, false, List.copyOf(branches));
    }

    public boolean isCollectionScan() {
        return index == null && branches.isEmpty();
    }

    public boolean isUnion() {
        return !branches.isEmpty();
    }
}
