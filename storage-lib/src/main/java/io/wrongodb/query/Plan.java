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
 */
public record Plan(
        IndexSpec index,
        List<KeyRange> ranges,
        boolean reverse,
        boolean providesSort,
        BsonDocument bounds,
        int equalities,
        boolean ranged) {

    public static Plan collectionScan(boolean reverse) {
        return new Plan(null, List.of(), reverse, false, new BsonDocument(), 0, false);
    }

    public boolean isCollectionScan() {
        return index == null;
    }
}
