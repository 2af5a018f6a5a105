/**
 * Aggregation pipelines over documents in memory: {@code $match $project $addFields/$set $unset $group $sort $skip
 * $limit $count $unwind}. The aggregate command hands leading {@code $match} stages to the query planner, so they
 * can use an index; the rest run here.
 */
package io.wrongodb.aggregate;
