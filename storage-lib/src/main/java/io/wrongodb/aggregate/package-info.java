/**
 * Aggregation pipelines over documents in memory: {@code $match $project $addFields/$set $unset $group $sort $skip
 * $limit $count $unwind $replaceRoot/$replaceWith $sortByCount $sample $bucket $facet $documents}, and through a
 * {@link io.wrongodb.aggregate.CollectionAccess} the stages that read or write other collections ({@code $lookup
 * $unionWith $out $merge}) or report on one ({@code $collStats}). The aggregate command hands leading {@code $match}
 * stages to the query planner, so they can use an index; the rest run here.
 */
package io.wrongodb.aggregate;
